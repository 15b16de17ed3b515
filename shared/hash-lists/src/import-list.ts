import fs from 'node:fs';
import { ADVISORY_LOCKS, ValidationError, type Db, type Queryable } from '@hotline/platform';
import { recordHashChange } from './hash-changes';
import { checkedRows, copyChunks, type Progress } from './checked-rows';
import { HEX_LENGTH, type HashRow, type HashType, type ListFormat } from './parse-rows';

export type { ImportPhase, Progress } from './checked-rows';

export interface ImportOptions {
  list: string;
  source?: string;
  type: HashType;
  file: string;
  format: ListFormat;
  /** Files estimated to hold at least this many rows, going into an empty list, take the bulk path. */
  bulkMinRows?: number;
}

export interface ImportResult {
  list: string;
  added: number;
  rows: number;
  /** `bulk`: COPY straight into the table, unique index rebuilt; `merge`: staged, then anti-joined. */
  path: 'bulk' | 'merge';
}

const BULK_MIN_ROWS = 200_000;
/** Constraints the bulk path drops and rebuilds, named as PostgreSQL named them in migration 0001. */
const UNIQUE_HASH = 'known_hashes_list_id_hash_key';
const LIST_FK = 'known_hashes_list_id_fkey';

/**
 * Imports a hash file into a list in one transaction, reading the file once; a malformed line
 * anywhere rolls everything back (see checkedRows). Importing the same file again adds nothing. One
 * `hash_changes` row covers the new id range, which running matchers load as a delta.
 */
export async function importList(db: Db, opts: ImportOptions, progress?: Progress): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    // 10 million rows take minutes: DATABASE_STATEMENT_TIMEOUT_MS is for the pipeline's queries, not this.
    await tx.exec('SET LOCAL statement_timeout = 0');
    // Imports take turns, so the new ids form one range no other import interleaves with.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.listImport]);
    const listId = await ensureList(tx, opts);
    const before = await maxHashId(tx);
    const counter = { rows: 0 };
    let added: number | null = null;
    if (tx.copyFrom && (await bulkWorthwhile(tx, listId, opts))) added = await bulkLoad(tx, listId, opts, counter, progress);
    const path = added === null ? 'merge' : 'bulk';
    if (added === null) {
      counter.rows = 0;
      added = await mergeLoad(tx, listId, opts, counter, progress);
    }
    if (added > 0) {
      await recordHashChange(tx, { kind: 'added', listId, fromId: before, toId: await maxHashId(tx) });
    }
    return { list: opts.list, added, rows: counter.rows, path };
  });
}

/**
 * A big file into an empty list (the first load of an IWF or NCMEC list): inserting millions of
 * rows into the (list_id, hash) index one by one, in file order, costs several times what building
 * the index afresh does. Worth it only while the new rows outnumber those already in the table,
 * whose index entries are rebuilt too.
 */
async function bulkWorthwhile(tx: Queryable, listId: number, opts: ImportOptions): Promise<boolean> {
  const size = await fs.promises.stat(opts.file).then(
    (s) => s.size,
    () => 0,
  );
  const estimate = size / (HEX_LENGTH[opts.type] + 8);
  if (estimate < (opts.bulkMinRows ?? BULK_MIN_ROWS)) return false;
  if ((await tx.query('SELECT 1 FROM known_hashes WHERE list_id = $1 LIMIT 1', [listId])).rows.length > 0) return false;
  const stats = await tx.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'known_hashes'::regclass`);
  let existing = stats.rows[0]?.n ?? -1;
  if (existing < 0) existing = (await tx.query<{ n: number }>('SELECT count(*)::float8 AS n FROM known_hashes')).rows[0]!.n; // never analysed
  return estimate >= existing;
}

/**
 * COPY straight into known_hashes with the unique constraint dropped, then rebuilt in one sort; the
 * foreign key to hash_lists likewise, re-validated by one join instead of a lookup per row (at 10
 * million rows the per-row check alone costs more than the COPY). Their absence is invisible to
 * others: the ALTER holds an exclusive lock on the table until commit (readers of known_hashes
 * wait; matchers keep matching from memory). A file that repeats a hash fails the rebuild; then the
 * savepoint undoes it all and the merge path takes over.
 */
async function bulkLoad(tx: Queryable, listId: number, opts: ImportOptions, counter: { rows: number }, progress?: Progress): Promise<number | null> {
  await tx.exec('SAVEPOINT bulk_import');
  await tx.exec(`ALTER TABLE known_hashes DROP CONSTRAINT ${UNIQUE_HASH}, DROP CONSTRAINT ${LIST_FK}`);
  await tx.copyFrom!('COPY known_hashes (list_id, hash, category, note, quality) FROM STDIN', copyChunks(checkedRows(opts, counter, progress), `${listId}\t`));
  progress?.('indexing', counter.rows);
  await tx.exec(`SET LOCAL maintenance_work_mem = '256MB'`);
  try {
    await tx.exec(`ALTER TABLE known_hashes ADD CONSTRAINT ${UNIQUE_HASH} UNIQUE (list_id, hash)`);
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    await tx.exec('ROLLBACK TO SAVEPOINT bulk_import');
    return null;
  }
  await tx.exec(`ALTER TABLE known_hashes ADD CONSTRAINT ${LIST_FK} FOREIGN KEY (list_id) REFERENCES hash_lists (id) ON DELETE CASCADE`);
  await tx.exec('RELEASE SAVEPOINT bulk_import');
  await tx.exec('ANALYZE known_hashes'); // the next import's estimate of the table size
  return counter.rows;
}

/**
 * Rows streamed into a staging table (COPY on PostgreSQL), then merged with an anti-join in hash
 * order instead of ON CONFLICT: no speculative insertion per row and sequential index inserts,
 * several times faster at millions of rows. Imports hold the advisory lock, so nothing else inserts
 * into the list meanwhile.
 */
async function mergeLoad(tx: Queryable, listId: number, opts: ImportOptions, counter: { rows: number }, progress?: Progress): Promise<number> {
  await tx.exec('CREATE TEMP TABLE import_stage (hash bytea, category text, note text, quality int) ON COMMIT DROP');
  const rows = checkedRows(opts, counter, progress);
  if (tx.copyFrom) await tx.copyFrom('COPY import_stage (hash, category, note, quality) FROM STDIN', copyChunks(rows, ''));
  else await insertBatches(tx, rows);
  progress?.('merging', counter.rows);
  await tx.exec(`SET LOCAL work_mem = '64MB'`);
  const inserted = await tx.query(
    `INSERT INTO known_hashes (list_id, hash, category, note, quality)
     SELECT DISTINCT ON (s.hash) $1, s.hash, s.category, s.note, s.quality FROM import_stage s
      WHERE NOT EXISTS (SELECT 1 FROM known_hashes k WHERE k.list_id = $1 AND k.hash = s.hash)
      ORDER BY s.hash`,
    [listId],
  );
  return inserted.rowCount;
}

/** PGlite has no COPY from a client stream: batches of unnest()ed arrays instead. */
async function insertBatches(tx: Queryable, batches: AsyncIterable<HashRow[]>): Promise<void> {
  for await (const batch of batches) {
    await tx.query(
      `INSERT INTO import_stage (hash, category, note, quality)
       SELECT decode(h, 'hex'), c, n, q FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u (h, c, n, q)`,
      [batch.map((r) => r.hash), batch.map((r) => r.category), batch.map((r) => r.note), batch.map((r) => r.quality)],
    );
  }
}

async function ensureList(tx: Queryable, opts: ImportOptions): Promise<number> {
  await tx.query(`INSERT INTO hash_lists (name, source, hash_type) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
    opts.list,
    opts.source ?? 'own',
    opts.type,
  ]);
  const r = await tx.query<{ id: number; hash_type: string }>('SELECT id, hash_type FROM hash_lists WHERE name = $1', [opts.list]);
  const list = r.rows[0]!;
  if (list.hash_type !== opts.type)
    throw new ValidationError(`List ${opts.list} holds ${list.hash_type} hashes; import ${opts.type} hashes into another list.`);
  if (opts.source) await tx.query('UPDATE hash_lists SET source = $2 WHERE id = $1', [list.id, opts.source]);
  return list.id;
}

async function maxHashId(tx: Queryable): Promise<string> {
  const r = await tx.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM known_hashes');
  return r.rows[0]!.id;
}
