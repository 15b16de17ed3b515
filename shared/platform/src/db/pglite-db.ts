import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../errors';
import type { Db, Queryable, QueryResult } from './db';

/**
 * Embedded PostgreSQL (PGlite, WASM) for the one-command default. It runs one statement at a time,
 * which is plenty for a single-process installation; production uses PgDb.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly pg: PGlite,
    private readonly lockFile?: string,
  ) {}

  /** `dataDir` undefined: in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteDb> {
    const lockFile = dataDir ? lock(dataDir) : undefined;
    try {
      const pg = dataDir ? new PGlite(dataDir) : new PGlite();
      await pg.waitReady;
      return new PgliteDb(pg, lockFile);
    } catch (err) {
      if (lockFile) fs.rmSync(lockFile, { force: true });
      throw err;
    }
  }

  async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return toResult(await this.pg.query<T>(sql, params));
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (t) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) => {
          return toResult(await t.query<R>(sql, params));
        },
        exec: async (sql: string) => {
          await t.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    if (this.pg.closed) return;
    await this.pg.close();
    if (this.lockFile) fs.rmSync(this.lockFile, { force: true });
  }
}

/** PGlite's files belong to one process at a time; a second opener gets a sentence, not a corrupt database. */
function lock(dataDir: string): string {
  const file = `${dataDir}.lock`;
  fs.mkdirSync(dataDir, { recursive: true });
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new ConfigError(
          `The embedded database in ${dataDir} is in use by process ${pid} (npm start). Stop that process first, or use a PostgreSQL server via DATABASE_URL.`,
        );
      }
      fs.rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw new ConfigError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * node-postgres' rowCount: rows changed by INSERT/UPDATE/DELETE, rows returned by SELECT. PGlite says 0 affected
 * rows for a SELECT, so a store's `rowCount > 0` ("does it exist?") would always be false on the embedded database.
 */
function toResult<T>(r: { rows: T[]; affectedRows?: number }): QueryResult<T> {
  return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
}
