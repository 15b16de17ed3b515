export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements in one string, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY … FROM STDIN` (text format) fed from an iterable of chunks, each holding whole lines that
   * end in a newline, when the driver can (node-postgres); absent on PGlite, where callers fall
   * back to batched inserts.
   */
  copyFrom?(sql: string, chunks: AsyncIterable<string>): Promise<void>;
  /**
   * `COPY … TO STDOUT` (text format) as the raw bytes the server sends, when the driver can: chunks
   * hold many rows and may end inside one, which lets bulk readers parse without a string per line.
   */
  copyTo?(sql: string): AsyncIterable<Buffer>;
}

/**
 * The database seam: node-postgres against a PostgreSQL server, or PGlite in the embedded default.
 * Both speak real PostgreSQL, so the SQL modules are the same for both. int8 values come back as
 * strings from one and numbers from the other: SQL casts counts to int where callers need numbers.
 */
export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
