import { randomBytes } from 'node:crypto';
import { migrate, PgDb, PgliteDb, type Db } from '@hotline/platform';

export interface TestDb {
  db: Db;
  schema?: string;
  drop(): Promise<void>;
}

/** A fresh schema on the real PostgreSQL server for one test file, named after it (pg-boss style). */
export async function createPgTestDb(name: string): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (its global setup finds PostgreSQL).');
  const schema = `t_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)}_${randomBytes(3).toString('hex')}`;
  const admin = new PgDb({ connectionString: url });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = new PgDb({ connectionString: url, schema, poolSize: 8 });
  await migrate(db);
  return {
    db,
    schema,
    async drop() {
      await db.close().catch(() => {});
      if (process.env.KEEP_TEST_SCHEMAS === '1') return;
      const a = new PgDb({ connectionString: url });
      await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}

export async function createPgliteTestDb(): Promise<TestDb> {
  const db = await PgliteDb.open();
  await migrate(db);
  return { db, drop: () => db.close() };
}
