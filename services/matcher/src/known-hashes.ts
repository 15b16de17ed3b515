import { ValidationError, type Db, type Queryable } from '@hotline/shared';

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'blockhash'] as const;
export type HashType = (typeof HASH_TYPES)[number];
const HEX_LENGTH: Record<HashType, number> = { md5: 32, sha1: 40, sha256: 64, blockhash: 64 };

export interface KnownHashRow {
  hash: string;
  category: string | null;
  note: string | null;
}

export interface KnownHash {
  id: string;
  listName: string;
  listSource: string;
  hashType: HashType;
  hash: string;
  category: string | null;
}

/**
 * Parses a hash file: one hex hash per line, optionally followed by a tab, a category, a tab and a
 * note. Blank lines and lines starting with # are skipped. Every malformed line is reported by its
 * number, and then nothing of the file is imported.
 */
export function parseHashFile(text: string, type: HashType): KnownHashRow[] {
  const rows: KnownHashRow[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [hash = '', category, note] = line.split('\t');
    const h = hash.trim().toLowerCase();
    if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH[type]}}$`).test(h)) {
      problems.push(`line ${i + 1}: expected a ${type} hash of ${HEX_LENGTH[type]} hex digits`);
      return;
    }
    rows.push({ hash: h, category: category?.trim() || null, note: note?.trim() || null });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : '');
    throw new ValidationError(`The hash file has ${problems.length} malformed line(s), nothing was imported: ${shown}`, problems);
  }
  return rows;
}

export interface ImportResult {
  list: string;
  added: number;
  total: number;
}

/** Imports into a list in one transaction; importing the same file again changes nothing. */
export async function importHashes(
  db: Db,
  opts: { list: string; source?: string; type: HashType; rows: KnownHashRow[] },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const list = await tx.query<{ id: number }>(
      `INSERT INTO hash_lists (name, source) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET source = COALESCE($3, hash_lists.source) RETURNING id`,
      [opts.list, opts.source ?? 'own', opts.source ?? null],
    );
    const listId = list.rows[0]!.id;
    let added = 0;
    const chunk = 5000;
    for (let i = 0; i < opts.rows.length; i += chunk) {
      const part = opts.rows.slice(i, i + chunk);
      const r = await tx.query(
        `INSERT INTO known_hashes (list_id, hash_type, hash, category, note)
         SELECT $1, $2, h, c, n FROM unnest($3::text[], $4::text[], $5::text[]) AS t(h, c, n)
         ON CONFLICT (list_id, hash_type, hash) DO NOTHING`,
        [listId, opts.type, part.map((r) => r.hash), part.map((r) => r.category), part.map((r) => r.note)],
      );
      added += r.rowCount;
      onProgress?.(Math.min(i + chunk, opts.rows.length), opts.rows.length);
    }
    await bumpRevision(tx);
    return { list: opts.list, added, total: opts.rows.length };
  });
}

export async function bumpRevision(tx: Queryable): Promise<void> {
  await tx.query('UPDATE hash_list_revision SET revision = revision + 1 WHERE id = 1');
}

export async function currentRevision(db: Queryable): Promise<string> {
  const r = await db.query<{ revision: string | number }>('SELECT revision FROM hash_list_revision WHERE id = 1');
  return String(r.rows[0]?.revision ?? '0');
}

export async function loadEnabledHashes(db: Queryable): Promise<KnownHash[]> {
  const r = await db.query<{ id: string | number; list_name: string; list_source: string; hash_type: HashType; hash: string; category: string | null }>(
    `SELECT k.id, l.name AS list_name, l.source AS list_source, k.hash_type, k.hash, k.category
       FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id
      WHERE k.enabled AND l.enabled`,
  );
  return r.rows.map((row) => ({
    id: String(row.id),
    listName: row.list_name,
    listSource: row.list_source,
    hashType: row.hash_type,
    hash: row.hash,
    category: row.category,
  }));
}
