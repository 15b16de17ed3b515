import type { Db, HashType, Queryable } from '@hotline/shared';

export interface KnownRow {
  id: string;
  listId: number;
  hashType: HashType;
  hash: string;
  category: string | null;
  quality: number | null;
  enabled: boolean;
}

export interface ListRow {
  id: number;
  name: string;
  source: string;
  hashType: HashType;
  enabled: boolean;
}

export interface HashChange {
  seq: string;
  kind: 'added' | 'hash_disabled' | 'hash_enabled' | 'list_disabled' | 'list_enabled';
  listId: number;
  hashId: string | null;
  fromId: string | null;
  toId: string | null;
}

export async function loadLists(db: Queryable): Promise<ListRow[]> {
  const r = await db.query<Record<string, unknown>>('SELECT id, name, source, hash_type, enabled FROM hash_lists');
  return r.rows.map((x) => ({ id: x.id as number, name: x.name as string, source: x.source as string, hashType: x.hash_type as HashType, enabled: x.enabled as boolean }));
}

export async function lastChangeSeq(db: Queryable): Promise<string> {
  const r = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM hash_changes');
  return r.rows[0]!.seq;
}

export async function changesSince(db: Queryable, seq: string): Promise<HashChange[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT seq::text, kind, list_id, hash_id::text, from_id::text, to_id::text FROM hash_changes WHERE seq > $1 ORDER BY seq`,
    [seq],
  );
  return r.rows.map((x) => ({
    seq: x.seq as string,
    kind: x.kind as HashChange['kind'],
    listId: x.list_id as number,
    hashId: x.hash_id as string | null,
    fromId: x.from_id as string | null,
    toId: x.to_id as string | null,
  }));
}

const PAGE = 50_000;

/**
 * Known hashes with id in (afterId, upToId], in id order, a page at a time (keyset pagination keeps
 * each query cheap at millions of rows). Disabled ones come too: the index keeps them tombstoned so
 * that re-enabling needs no reload.
 */
export async function* streamKnown(db: Queryable, afterId: string, upToId: string | null = null): AsyncGenerator<KnownRow[]> {
  let cursor = afterId;
  for (;;) {
    const r = await db.query<Record<string, unknown>>(
      `SELECT k.id::text, k.list_id, l.hash_type, k.hash, k.category, k.quality, k.enabled
         FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id
        WHERE k.id > $1 AND ($2::bigint IS NULL OR k.id <= $2::bigint)
        ORDER BY k.id LIMIT ${PAGE}`,
      [cursor, upToId],
    );
    if (r.rows.length === 0) return;
    yield r.rows.map((x) => ({
      id: x.id as string,
      listId: x.list_id as number,
      hashType: x.hash_type as HashType,
      hash: x.hash as string,
      category: x.category as string | null,
      quality: x.quality as number | null,
      enabled: x.enabled as boolean,
    }));
    cursor = r.rows[r.rows.length - 1]!.id as string;
    if (r.rows.length < PAGE) return;
  }
}

/**
 * Every known hash in id order, for the start-up load, handed to `onRow` as it streams (millions of
 * rows never sit in memory at once). On PostgreSQL a COPY stream of text lines, a fraction of the
 * cost of row objects; elsewhere the keyset pages above.
 */
export async function forEachKnown(db: Db, onRow: (row: KnownRow) => void): Promise<void> {
  if (db.kind !== 'postgres') {
    for await (const page of streamKnown(db, '0')) page.forEach(onRow);
    return;
  }
  // COPY needs one connection throughout; the transaction holds it and gives a consistent snapshot.
  await db.transaction(async (tx) => {
    const lines = tx.copyTo!(
      `COPY (SELECT k.id, k.list_id, l.hash_type, k.hash, k.category, k.quality, k.enabled
               FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id ORDER BY k.id) TO STDOUT`,
    );
    for await (const line of lines) {
      const [id, listId, hashType, hash, category, quality, enabled] = line.split('\t');
      onRow({
        id: id!,
        listId: Number(listId),
        hashType: hashType as HashType,
        hash: hash!,
        category: category === '\\N' ? null : unescapeCopy(category!),
        quality: quality === '\\N' ? null : Number(quality),
        enabled: enabled === 't',
      });
    }
  });
}

function unescapeCopy(v: string): string {
  return v.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

export async function knownById(db: Queryable, id: string): Promise<KnownRow | null> {
  for await (const page of streamKnown(db, String(BigInt(id) - 1n), id)) return page[0] ?? null;
  return null;
}
