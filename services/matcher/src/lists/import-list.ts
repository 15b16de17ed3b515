import { ValidationError, type Db, type Queryable } from '@hotline/shared';
import { isRowError, readRows, type HashRow, type HashType, type ListFormat } from './parse-rows';

export interface ImportOptions {
  list: string;
  source?: string;
  type: HashType;
  file: string;
  format: ListFormat;
}

export interface ImportResult {
  list: string;
  added: number;
  rows: number;
}

type Progress = (phase: 'checked' | 'loaded', rows: number) => void;

const MAX_REPORTED_ERRORS = 20;
const PROGRESS_EVERY = 100_000;

/** Pass 1: every line is checked before anything is written, so a bad file is refused whole. */
async function check(opts: ImportOptions, progress?: Progress): Promise<number> {
  const errors: string[] = [];
  let bad = 0;
  let rows = 0;
  for await (const r of readRows(opts.file, opts.format, opts.type)) {
    if (isRowError(r)) {
      if (++bad <= MAX_REPORTED_ERRORS) errors.push(`line ${r.line}: ${r.error}`);
    } else if (++rows % PROGRESS_EVERY === 0) progress?.('checked', rows);
  }
  if (bad > 0) {
    const more = bad > MAX_REPORTED_ERRORS ? `; and ${bad - MAX_REPORTED_ERRORS} more` : '';
    throw new ValidationError(`The hash file has ${bad} malformed line(s), nothing was imported: ${errors.join('; ')}${more}`, errors);
  }
  return rows;
}

const copyEscape = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

/** COPY text lines, joined into chunks: one stream write per few thousand rows, not per row. */
async function* copyLines(opts: ImportOptions, progress?: Progress): AsyncGenerator<string> {
  let n = 0;
  let chunk: string[] = [];
  for await (const r of readRows(opts.file, opts.format, opts.type)) {
    if (isRowError(r)) continue;
    chunk.push(`${r.hash}\t${copyEscape(r.category)}\t${copyEscape(r.note)}\t${r.quality ?? '\\N'}`);
    if (chunk.length === 5000) {
      yield chunk.join('\n');
      chunk = [];
    }
    if (++n % PROGRESS_EVERY === 0) progress?.('loaded', n);
  }
  if (chunk.length > 0) yield chunk.join('\n');
}

/** PGlite has no COPY from a client stream: batches of unnest()ed arrays instead. */
async function insertBatches(tx: Queryable, opts: ImportOptions, progress?: Progress): Promise<void> {
  let batch: HashRow[] = [];
  let n = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.query(
      `INSERT INTO import_stage (hash, category, note, quality) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [batch.map((r) => r.hash), batch.map((r) => r.category), batch.map((r) => r.note), batch.map((r) => r.quality)],
    );
    n += batch.length;
    progress?.('loaded', n);
    batch = [];
  };
  for await (const r of readRows(opts.file, opts.format, opts.type)) {
    if (isRowError(r)) continue;
    batch.push(r);
    if (batch.length >= 10_000) await flush();
  }
  await flush();
}

/**
 * Imports a hash file into a list in one transaction: checked first, then streamed into a staging
 * table (COPY on PostgreSQL) and merged; importing the same file again adds nothing. One
 * `hash_changes` row covers the new id range, which running matchers load as a delta.
 */
export async function importList(db: Db, opts: ImportOptions, progress?: Progress): Promise<ImportResult> {
  const rows = await check(opts, progress);
  return db.transaction(async (tx) => {
    // Imports take turns, so the new ids form one range no other import interleaves with.
    await tx.query('SELECT pg_advisory_xact_lock(72615321)');
    const listId = await ensureList(tx, opts);
    const before = await maxHashId(tx);
    await tx.query('CREATE TEMP TABLE import_stage (hash text COLLATE "C", category text, note text, quality int) ON COMMIT DROP');
    if (tx.copyFrom) await tx.copyFrom('COPY import_stage (hash, category, note, quality) FROM STDIN', copyLines(opts, progress));
    else await insertBatches(tx, opts, progress);
    // An anti-join in hash order instead of ON CONFLICT: no speculative insertion per row and
    // sequential index inserts, several times faster at millions of rows. Imports hold the lock
    // above, so nothing else inserts into the list meanwhile.
    const inserted = await tx.query(
      `INSERT INTO known_hashes (list_id, hash, category, note, quality)
       SELECT DISTINCT ON (s.hash) $1, s.hash, s.category, s.note, s.quality FROM import_stage s
        WHERE NOT EXISTS (SELECT 1 FROM known_hashes k WHERE k.list_id = $1 AND k.hash = s.hash)
        ORDER BY s.hash`,
      [listId],
    );
    if (inserted.rowCount > 0) {
      await tx.query(`INSERT INTO hash_changes (kind, list_id, from_id, to_id) VALUES ('added', $1, $2, $3)`, [listId, before, await maxHashId(tx)]);
    }
    return { list: opts.list, added: inserted.rowCount, rows };
  });
}

async function ensureList(tx: Queryable, opts: ImportOptions): Promise<number> {
  await tx.query(`INSERT INTO hash_lists (name, source, hash_type) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
    opts.list,
    opts.source ?? 'own',
    opts.type,
  ]);
  const r = await tx.query<{ id: number; hash_type: string }>('SELECT id, hash_type FROM hash_lists WHERE name = $1', [opts.list]);
  const list = r.rows[0]!;
  if (list.hash_type !== opts.type) throw new ValidationError(`List ${opts.list} holds ${list.hash_type} hashes; import ${opts.type} hashes into another list.`);
  if (opts.source) await tx.query('UPDATE hash_lists SET source = $2 WHERE id = $1', [list.id, opts.source]);
  return list.id;
}

async function maxHashId(tx: Queryable): Promise<string> {
  const r = await tx.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM known_hashes');
  return r.rows[0]!.id;
}
