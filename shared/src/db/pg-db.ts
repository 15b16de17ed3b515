import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import type { Db, Queryable, QueryResult } from './db';

export interface PgDbOptions {
  connectionString: string;
  /** Every connection uses this schema (created if missing): tests get one each, deployments may share a database. */
  schema?: string;
  poolSize?: number;
}

export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(opts: PgDbOptions) {
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolSize ?? 10,
      options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => {});
  }

  async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        query: async <R>(sql: string, params?: unknown[]) => {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (sql: string) => {
          await client.query(sql);
        },
        copyFrom: (sql, chunks) => copyIn(client, sql, chunks),
        copyTo: (sql) => copyOut(client, sql),
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.pool.ended) return;
    await this.pool.end();
  }
}

async function copyIn(client: pg.PoolClient, sql: string, chunks: AsyncIterable<string>): Promise<void> {
  const sink = client.query(copyFromStream(sql));
  await pipeline(
    Readable.from(
      (async function* () {
        for await (const chunk of chunks) yield chunk + '\n';
      })(),
    ),
    sink,
  );
}

async function* copyOut(client: pg.PoolClient, sql: string): AsyncIterable<Buffer> {
  for await (const chunk of client.query(copyToStream(sql))) yield chunk as Buffer;
}
