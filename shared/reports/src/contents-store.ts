import type { ContentFetched, ContentHashed, Queryable } from '@hotline/platform';

// The SQL of `contents` (the rows; the sealed bytes are the platform's content store). Rows leave as
// typed objects mapped here once.

export type ContentState = 'stored' | 'hashed' | 'failed';

export interface NewContent {
  id: string;
  reportId: string;
  itemId: string | null;
  origin: ContentFetched['origin'];
  sourceUrl: string | null;
  blobKey: string;
  mime: string;
  byteSize: number;
}

export interface ContentStatusRow {
  contentId: string;
  itemId: string | null;
  origin: ContentFetched['origin'];
  url: string | null;
  mime: string;
  state: ContentState;
  reason: string | null;
  /** In the review queue. */
  queued: boolean;
}

export type ContentHashes = Pick<ContentHashed, 'hashes' | 'pdqQuality' | 'pdqVariants' | 'width' | 'height'>;

/** Idempotent by id: false when the content already exists (a redelivered fetch of the same item). */
export async function insertContent(tx: Queryable, c: NewContent): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO contents (id, report_id, item_id, origin, source_url, blob_key, mime, byte_size)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [c.id, c.reportId, c.itemId, c.origin, c.sourceUrl, c.blobKey, c.mime, c.byteSize],
  );
  return r.rowCount > 0;
}

/** null when the content does not exist. */
export async function contentState(db: Queryable, contentId: string): Promise<ContentState | null> {
  const r = await db.query<{ state: ContentState }>('SELECT state FROM contents WHERE id = $1', [contentId]);
  return r.rows[0]?.state ?? null;
}

/** `stored` → `failed` with the reason (final); false when the content was not `stored` any more. */
export async function failContent(db: Queryable, contentId: string, reason: string): Promise<boolean> {
  const r = await db.query(`UPDATE contents SET state = 'failed', reason = $2 WHERE id = $1 AND state = 'stored'`, [contentId, reason]);
  return r.rowCount > 0;
}

/** `stored` → `hashed` with its hashes; false when a concurrent delivery got there first. */
export async function recordHashes(tx: Queryable, contentId: string, h: ContentHashes): Promise<boolean> {
  const r = await tx.query(
    `UPDATE contents SET state = 'hashed', md5 = $2, sha1 = $3, sha256 = $4, blockhash = $5, pdq = $6, pdq_quality = $7,
            width = $8, height = $9, hashed_at = now(), pdq_variants = $10
      WHERE id = $1 AND state = 'stored'`,
    [contentId, h.hashes.md5, h.hashes.sha1, h.hashes.sha256, h.hashes.blockhash, h.hashes.pdq, h.pdqQuality, h.width, h.height, JSON.stringify(h.pdqVariants)],
  );
  return r.rowCount > 0;
}

/** A report's contents in the order they arrived, each with whether it reached the review queue. */
export async function listReportContents(db: Queryable, reportId: string): Promise<ContentStatusRow[]> {
  const r = await db.query<{
    id: string;
    item_id: string | null;
    origin: ContentFetched['origin'];
    source_url: string | null;
    mime: string;
    state: ContentState;
    reason: string | null;
    queued: boolean;
  }>(
    `SELECT c.id, c.item_id, c.origin, c.source_url, c.mime, c.state, c.reason, EXISTS (SELECT 1 FROM review_sources r WHERE r.content_id = c.id) AS queued
       FROM contents c WHERE c.report_id = $1 ORDER BY c.created_at, c.id`,
    [reportId],
  );
  return r.rows.map((x) => ({
    contentId: x.id,
    itemId: x.item_id,
    origin: x.origin,
    url: x.source_url,
    mime: x.mime,
    state: x.state,
    reason: x.reason,
    queued: x.queued,
  }));
}

export interface ReviewContentFacts {
  id: string;
  itemId: string | null;
  blobKey: string;
  mime: string;
  width: number | null;
  height: number | null;
  hashes: { md5: string; sha1: string; sha256: string; blockhash: string | null; pdq: string | null } | null;
  pdqQuality: number | null;
  /** When retention deleted the sealed bytes (the hashes and this row stay); null while they are kept. */
  bytesDeletedAt: string | null;
}

/** What review needs of a content: its hashes (identity, lists, prefill) and where its sealed bytes are. */
export async function contentFacts(db: Queryable, contentId: string): Promise<ReviewContentFacts | null> {
  const r = await db.query<{
    id: string;
    item_id: string | null;
    blob_key: string;
    mime: string;
    width: number | null;
    height: number | null;
    md5: string | null;
    sha1: string | null;
    sha256: string | null;
    blockhash: string | null;
    pdq: string | null;
    pdq_quality: number | null;
    bytes_deleted_at: Date | string | null;
  }>('SELECT id, item_id, blob_key, mime, width, height, md5, sha1, sha256, blockhash, pdq, pdq_quality, bytes_deleted_at FROM contents WHERE id = $1', [
    contentId,
  ]);
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id,
    itemId: x.item_id,
    blobKey: x.blob_key,
    mime: x.mime,
    width: x.width,
    height: x.height,
    // A video has no blockhash (its frames' PDQ are in content_frames); it is hashed all the same.
    hashes:
      x.md5 && x.sha1 && x.sha256 && (x.blockhash || x.mime.startsWith('video/'))
        ? { md5: x.md5, sha1: x.sha1, sha256: x.sha256, blockhash: x.blockhash, pdq: x.pdq }
        : null,
    pdqQuality: x.pdq_quality,
    bytesDeletedAt: x.bytes_deleted_at ? new Date(x.bytes_deleted_at).toISOString() : null,
  };
}

/** Where a content was found: its report and source URL (null for an upload, or once anonymised). */
export async function contentSource(db: Queryable, contentId: string): Promise<{ reportId: string; sourceUrl: string | null } | null> {
  const r = await db.query<{ report_id: string; source_url: string | null }>('SELECT report_id, source_url FROM contents WHERE id = $1', [contentId]);
  const x = r.rows[0];
  return x ? { reportId: x.report_id, sourceUrl: x.source_url } : null;
}
