import path from 'node:path';
import type { Config } from '../config/schema';
import type { Db } from './db';
import { migrate } from './migrate';
import { PgDb } from './pg-db';
import { PgliteDb } from './pglite-db';

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR; migrated either way. */
export async function openDb(cfg: Config): Promise<Db> {
  const db = cfg.DATABASE_URL
    ? new PgDb({
        connectionString: cfg.DATABASE_URL,
        schema: cfg.DATABASE_SCHEMA,
        poolSize: cfg.DATABASE_POOL_SIZE,
        connectTimeoutMs: cfg.DATABASE_CONNECT_TIMEOUT_MS,
        statementTimeoutMs: cfg.DATABASE_STATEMENT_TIMEOUT_MS,
      })
    : await PgliteDb.open(path.join(cfg.dataDir, 'pglite'));
  if (db instanceof PgDb && cfg.DATABASE_SCHEMA) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${cfg.DATABASE_SCHEMA}`);
  await migrate(db);
  return db;
}
