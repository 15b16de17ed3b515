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
  /** Give up opening a connection after this long (unset: wait for ever). */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer (unset or 0: no limit); bulk transactions lift it with `SET LOCAL`. */
  statementTimeoutMs?: number;
}

/** A half-open connection (peer gone without a FIN) is noticed by TCP keep-alive probes, not by a query hanging for ever. */
const KEEP_ALIVE_DELAY_MS = 10_000;
const IDLE_TIMEOUT_MS = 30_000;

export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(opts: PgDbOptions) {
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolSize ?? 10,
      options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 0,
      statement_timeout: opts.statementTimeoutMs || undefined,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
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

  /**
   * A checked-out client has no error listener of the pool's: a connection dropped mid-transaction
   * (server restart, pg_terminate_backend, network) would be an unhandled 'error' event and end the
   * process. Ours turns it into a rejected transaction, and the client is destroyed, not pooled.
   */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let lost: Error | undefined;
    const onError = (err: Error) => (lost ??= err);
    client.on('error', onError);
    const done = (err?: Error) => {
      client.off('error', onError);
      client.release(err ?? lost);
    };
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
      done();
      return result;
    } catch (err) {
      // A connection that cannot roll back (lost, or a COPY abandoned half-way) is closed, not pooled.
      const broken =
        lost ??
        (await client.query('ROLLBACK').then(
          () => undefined,
          (e: Error) => e,
        ));
      done(lost ?? broken);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.pool.ended) return;
    await this.pool.end();
  }
}

async function copyIn(client: pg.PoolClient, sql: string, chunks: AsyncIterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFromStream(sql)));
}

async function* copyOut(client: pg.PoolClient, sql: string): AsyncIterable<Buffer> {
  for await (const chunk of client.query(copyToStream(sql))) yield chunk as Buffer;
}
