import { NotFoundError, ValidationError, type Db, type Queryable } from '@hotline/platform';
import { recordHashChange } from './hash-changes';

/** Disables (false positive) or re-enables one hash of a list; running matchers follow within seconds. */
export async function setHashEnabled(db: Db, list: string, hash: string, enabled: boolean): Promise<boolean> {
  return db.transaction((tx) => setHashEnabledIn(tx, list, hash, enabled));
}

/** setHashEnabled inside a transaction of the caller's. */
export async function setHashEnabledIn(tx: Queryable, list: string, hash: string, enabled: boolean): Promise<boolean> {
  if (!/^([0-9a-f]{2})+$/i.test(hash)) throw new ValidationError(`${JSON.stringify(hash.slice(0, 80))} is not a hash in hex digits.`);
  const r = await tx.query<{ id: string; list_id: number }>(
    `UPDATE known_hashes k SET enabled = $3 FROM hash_lists l
      WHERE l.id = k.list_id AND l.name = $1 AND k.hash = decode($2, 'hex') RETURNING k.id::text, k.list_id`,
    [list, hash.toLowerCase(), enabled],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError(`List ${list} has no hash ${hash}.`);
  await recordHashChange(tx, { kind: enabled ? 'hash_enabled' : 'hash_disabled', listId: row.list_id, hashId: row.id });
  return true;
}

export async function setListEnabled(db: Db, list: string, enabled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>('UPDATE hash_lists SET enabled = $2 WHERE name = $1 RETURNING id', [list, enabled]);
    const row = r.rows[0];
    if (!row) throw new NotFoundError(`There is no list ${list}.`);
    await recordHashChange(tx, { kind: enabled ? 'list_enabled' : 'list_disabled', listId: row.id });
  });
}

export interface ListSummary {
  name: string;
  source: string;
  hashType: string;
  enabled: boolean;
  hashes: number;
  disabledHashes: number;
}

export async function listLists(db: Db): Promise<ListSummary[]> {
  const r = await db.query<{ name: string; source: string; hash_type: string; enabled: boolean; hashes: number; disabled: number }>(
    `SELECT l.name, l.source, l.hash_type, l.enabled,
            count(k.id)::int AS hashes, count(k.id) FILTER (WHERE NOT k.enabled)::int AS disabled
       FROM hash_lists l LEFT JOIN known_hashes k ON k.list_id = l.id GROUP BY l.id ORDER BY l.name`,
  );
  return r.rows.map((x) => ({ name: x.name, source: x.source, hashType: x.hash_type, enabled: x.enabled, hashes: x.hashes, disabledHashes: x.disabled }));
}
