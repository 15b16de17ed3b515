import { CopyTextReader, type HashType, type Queryable } from '@hotline/platform';
import { bytesHexToWords } from './index/bits';
import { toWords } from './type-index';

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
  const r = await db.query<{ id: number; name: string; source: string; hash_type: HashType; enabled: boolean }>(
    'SELECT id, name, source, hash_type, enabled FROM hash_lists',
  );
  return r.rows.map((x) => ({ id: x.id, name: x.name, source: x.source, hashType: x.hash_type, enabled: x.enabled }));
}

export async function lastChangeSeq(db: Queryable): Promise<string> {
  const r = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM hash_changes');
  return r.rows[0]!.seq;
}

export async function changesSince(db: Queryable, seq: string): Promise<HashChange[]> {
  const r = await db.query<{ seq: string; kind: HashChange['kind']; list_id: number; hash_id: string | null; from_id: string | null; to_id: string | null }>(
    `SELECT seq::text, kind, list_id, hash_id::text, from_id::text, to_id::text FROM hash_changes WHERE seq > $1 ORDER BY seq`,
    [seq],
  );
  return r.rows.map((x) => ({ seq: x.seq, kind: x.kind, listId: x.list_id, hashId: x.hash_id, fromId: x.from_id, toId: x.to_id }));
}

const PAGE = 50_000;

/** One known hash as scanned. `words` (8 words, md5/sha1 zero-padded) is reused for the next hash. */
export interface ScannedHash {
  dbId: number;
  listId: number;
  words: Uint32Array;
  category: string | null;
  quality: number | null;
  enabled: boolean;
}

/**
 * Known hashes with id in (afterId, upToId], handed to `onHash` one by one; disabled ones too (the
 * index keeps them tombstoned so that re-enabling needs no reload). On PostgreSQL one COPY whose
 * bytes are parsed in place: 10 million rows never become 10 million objects. Elsewhere (PGlite,
 * small embedded lists) keyset pages. Run it in a transaction: COPY needs one connection.
 */
export async function scanKnown(tx: Queryable, afterId: string, upToId: string | null, onHash: (h: ScannedHash) => void): Promise<void> {
  const after = BigInt(afterId);
  const upTo = upToId === null ? null : BigInt(upToId); // BigInt() also proves these are plain integers for the COPY text
  if (tx.copyTo) return copyKnown(tx, after, upTo, onHash);
  const words = new Uint32Array(8);
  let cursor = after.toString();
  for (;;) {
    const r = await tx.query<{ id: string; list_id: number; hash: string; category: string | null; quality: number | null; enabled: boolean }>(
      `SELECT id::text, list_id, encode(hash, 'hex') AS hash, category, quality, enabled FROM known_hashes
        WHERE id > $1 AND ($2::bigint IS NULL OR id <= $2::bigint) ORDER BY id LIMIT ${PAGE}`,
      [cursor, upTo?.toString() ?? null],
    );
    for (const x of r.rows) {
      words.set(toWords(x.hash));
      onHash({ dbId: Number(x.id), listId: x.list_id, words, category: x.category, quality: x.quality, enabled: x.enabled });
    }
    if (r.rows.length < PAGE) return;
    cursor = r.rows[r.rows.length - 1]!.id;
  }
}

async function copyKnown(tx: Queryable, after: bigint, upTo: bigint | null, onHash: (h: ScannedHash) => void): Promise<void> {
  const h: ScannedHash = { dbId: 0, listId: 0, words: new Uint32Array(8), category: null, quality: null, enabled: true };
  const reader = new CopyTextReader((row) => {
    h.dbId = row.int(0);
    h.listId = row.int(1);
    bytesHexToWords(row.buf, row.start[2]! + 3, row.end[2]!, h.words); // skip the "\\x" of bytea's hex output
    h.category = row.text(3);
    h.quality = row.isNull(4) ? null : row.int(4);
    h.enabled = row.buf[row.start[5]!] === 0x74; // 't'
    onHash(h);
  });
  const range = `id > ${after}${upTo === null ? '' : ` AND id <= ${upTo}`}`;
  for await (const chunk of tx.copyTo!(`COPY (SELECT id, list_id, hash, category, quality, enabled FROM known_hashes WHERE ${range}) TO STDOUT`)) {
    reader.feed(chunk);
  }
  reader.end();
}

/** How many known hashes of each type there are (to size the load's arrays exactly). */
export async function countKnownByType(tx: Queryable): Promise<Map<HashType, number>> {
  const r = await tx.query<{ hash_type: HashType; n: number }>(
    `SELECT l.hash_type, sum(c.n)::float8 AS n FROM (SELECT list_id, count(*) AS n FROM known_hashes GROUP BY list_id) c
       JOIN hash_lists l ON l.id = c.list_id GROUP BY l.hash_type`,
  );
  return new Map(r.rows.map((x) => [x.hash_type, Number(x.n)]));
}

export async function knownById(db: Queryable, id: string): Promise<{ dbId: number; listId: number; enabled: boolean } | null> {
  const r = await db.query<{ list_id: number; enabled: boolean }>('SELECT list_id, enabled FROM known_hashes WHERE id = $1', [id]);
  const x = r.rows[0];
  return x ? { dbId: Number(id), listId: x.list_id, enabled: x.enabled } : null;
}
