import { NotFoundError, type Queryable } from '@hotline/platform';
import { recordHashChange } from './hash-changes';

/** The hotline's own lists, fed by analysts' illegal decisions: one per hash type the console adds. */
export const OWN_LISTS = { sha256: 'hotline-own-sha256', pdq: 'hotline-own-pdq', blockhash: 'hotline-own-blockhash' } as const;
export type OwnHashType = keyof typeof OWN_LISTS;

export interface OwnHash {
  type: OwnHashType;
  hash: string;
  category: string | null;
  note: string | null;
  /** PDQ quality (PDQ only). */
  quality: number | null;
}

/**
 * Adds hashes to the hotline's own lists in the caller's transaction (the decision's), creating a list
 * on first use, and logs each new one in `hash_changes` so running matchers pick it up. A hash already
 * in its list is left as it is (a false positive stays disabled). Returns the ids of the new rows.
 */
export async function addOwnHashes(tx: Queryable, hashes: OwnHash[]): Promise<string[]> {
  const added: Array<{ listId: number; id: string }> = [];
  for (const h of hashes) {
    const list = await tx.query<{ id: number }>(
      `INSERT INTO hash_lists (name, source, hash_type) VALUES ($1, 'own', $2)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [OWN_LISTS[h.type], h.type],
    );
    const listId = list.rows[0]!.id;
    const row = await tx.query<{ id: string }>(
      `INSERT INTO known_hashes (list_id, hash, category, note, quality) VALUES ($1, decode($2, 'hex'), $3, $4, $5)
       ON CONFLICT (list_id, hash) DO NOTHING RETURNING id::text`,
      [listId, h.hash.toLowerCase(), h.category, h.note, h.quality],
    );
    if (row.rows[0]) added.push({ listId, id: row.rows[0].id });
  }
  // Last in the transaction, as recordHashChange asks: the log's lock is held until commit.
  for (const a of added) await recordHashChange(tx, { kind: 'added', listId: a.listId, fromId: String(BigInt(a.id) - 1n), toId: a.id });
  return added.map((a) => a.id);
}

/** Whether these bytes' SHA-256 is in the own list and was disabled (a false positive): their decision no longer stands for new copies. */
export async function ownSha256Disabled(db: Queryable, sha256: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id WHERE l.name = $1 AND k.hash = decode($2, 'hex') AND NOT k.enabled`,
    [OWN_LISTS.sha256, sha256.toLowerCase()],
  );
  return r.rows.length > 0;
}

export interface KnownHashRef {
  id: string;
  list: string;
  hashType: string;
  hash: string;
  enabled: boolean;
}

/** Disables one known hash by its id (a false positive), in the caller's transaction; matchers follow through `hash_changes`. */
export async function disableKnownHash(tx: Queryable, id: string): Promise<KnownHashRef> {
  const r = await tx.query<{ id: string; list_id: number; name: string; hash_type: string; hash: string; was: boolean }>(
    `UPDATE known_hashes k SET enabled = false FROM hash_lists l, (SELECT enabled AS was FROM known_hashes WHERE id = $1) w
      WHERE k.id = $1 AND l.id = k.list_id RETURNING k.id::text, k.list_id, l.name, l.hash_type, encode(k.hash, 'hex') AS hash, w.was`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError('No known hash with that id.');
  if (row.was) await recordHashChange(tx, { kind: 'hash_disabled', listId: row.list_id, hashId: row.id });
  return { id: row.id, list: row.name, hashType: row.hash_type, hash: row.hash, enabled: false };
}
