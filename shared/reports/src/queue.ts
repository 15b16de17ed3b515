import type { ContentFetched, Match, Queryable } from '@hotline/platform';

// The SQL of `review_items` and `review_sources` (the review queue); rows are mapped once, here.

export type ReviewKind = 'content' | 'url';
export type ReviewStatus = 'pending' | 'awaiting_second' | 'disputed' | 'decided';

export interface QueueItem {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  /** The first content (content items) and the first report; `reportIds` holds every report. */
  contentId: string | null;
  reportId: string;
  reportIds: string[];
  enqueuedAt: string;
  knownMaterial: boolean;
  bestDistance: number | null;
  origin: ContentFetched['origin'] | null;
  url: string | null;
  /** url items: why nothing came of the URL. */
  reason: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  hashes: { md5: string; sha1: string; sha256: string; blockhash: string; pdq: string | null } | null;
  pdqQuality: number | null;
  matches: Array<Omit<Match, 'knownHashId'> & { knownHashId: string }>;
  leased: boolean;
  /** Retention deleted the content's bytes (hashes stay): no thumbnail or image any more. */
  bytesDeletedAt: string | null;
}

/**
 * Claim order: known material first by its list's category (A, B, C, another, none), then the closest
 * distance; new content after it; the oldest first within each.
 */
export function priorityRank(matches: Array<Pick<Match, 'category'>>): number {
  if (matches.length === 0) return 9;
  const rank = (c: string | null) => {
    const k = (c ?? '').toUpperCase();
    if (k.startsWith('A')) return 0;
    if (k.startsWith('B')) return 1;
    if (k.startsWith('C')) return 2;
    return c ? 3 : 4;
  };
  return Math.min(...matches.map((m) => rank(m.category)));
}

export const QUEUE_ORDER = 'r.priority_rank, r.best_distance ASC NULLS LAST, r.enqueued_at, r.id';

export interface EnqueuedContent {
  itemId: string;
  status: ReviewStatus;
  /** False when this content was already a source (a redelivered event). */
  sourceAdded: boolean;
  itemCreated: boolean;
}

/**
 * One item per SHA-256: a new content of known bytes joins the existing item as a source (raising its
 * priority if this copy matched better). Idempotent by content id.
 */
export async function enqueueContent(
  tx: Queryable,
  c: { newItemId: string; contentId: string; reportId: string; reportUrlId: string | null; sha256: string; matches: Match[]; matchCount: number; now: Date },
): Promise<EnqueuedContent> {
  const best = c.matches.length > 0 ? Math.min(...c.matches.map((m) => m.distance)) : null;
  const item = await tx.query<{ id: string; status: ReviewStatus; created: boolean }>(
    `INSERT INTO review_items (id, kind, sha256, content_id, report_id, known_material, priority_rank, best_distance, enqueued_at)
     VALUES ($1, 'content', $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (sha256) DO UPDATE SET
       known_material = review_items.known_material OR EXCLUDED.known_material,
       priority_rank = LEAST(review_items.priority_rank, EXCLUDED.priority_rank),
       best_distance = LEAST(review_items.best_distance, EXCLUDED.best_distance)
     RETURNING id, status, (xmax = 0) AS created`,
    [c.newItemId, c.sha256, c.contentId, c.reportId, c.matchCount > 0, c.matchCount > 0 ? priorityRank(c.matches) : 9, best, c.now],
  );
  const row = item.rows[0]!;
  const src = await tx.query(
    `INSERT INTO review_sources (source_key, item_id, report_id, report_url_id, content_id, added_at) VALUES ($1, $2, $3, $4, $1, $5)
     ON CONFLICT (source_key) DO NOTHING`,
    [c.contentId, row.id, c.reportId, c.reportUrlId, c.now],
  );
  return { itemId: row.id, status: row.status, sourceAdded: src.rowCount > 0, itemCreated: row.created };
}

/** A URL (or content) that yielded nothing to hash, as a `url` item. Idempotent by subject id. */
export async function enqueueUnresolved(
  tx: Queryable,
  u: {
    newItemId: string;
    subjectId: string;
    reportId: string;
    reportUrlId: string | null;
    contentId: string | null;
    url: string | null;
    reason: string;
    now: Date;
  },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO review_items (id, kind, unresolved_key, url, reason, report_id, enqueued_at) VALUES ($1, 'url', $2, $3, $4, $5, $6)
     ON CONFLICT (unresolved_key) DO NOTHING`,
    [u.newItemId, u.subjectId, u.url, u.reason, u.reportId, u.now],
  );
  if (r.rowCount === 0) return false;
  await tx.query(
    `INSERT INTO review_sources (source_key, item_id, report_id, report_url_id, content_id, added_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (source_key) DO NOTHING`,
    [u.subjectId, u.newItemId, u.reportId, u.reportUrlId, u.contentId, u.now],
  );
  return true;
}

/** A source that joined an already decided item takes that decision (it is never shown). */
export async function resolveSource(tx: Queryable, sourceKey: string, decisionId: string): Promise<void> {
  await tx.query('UPDATE review_sources SET auto_decision_id = $2 WHERE source_key = $1', [sourceKey, decisionId]);
}

export interface QueueFilter {
  limit: number;
  offset: number;
  kind?: ReviewKind;
}

/** Open items (not decided) in claim order: the console's list and the CLI's `queue`. */
export async function listQueue(db: Queryable, opts: QueueFilter): Promise<{ total: number; items: QueueItem[] }> {
  const where = `r.status <> 'decided'${opts.kind ? ' AND r.kind = $3' : ''}`;
  const params: unknown[] = [opts.limit, opts.offset, ...(opts.kind ? [opts.kind] : [])];
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items r WHERE ${where.replace('$3', '$1')}`, opts.kind ? [opts.kind] : []);
  const r = await db.query<QueueRow>(`${QUEUE_SELECT} WHERE ${where} ORDER BY ${QUEUE_ORDER} LIMIT $1 OFFSET $2`, params);
  return { total: total.rows[0]?.n ?? 0, items: r.rows.map(toQueueItem) };
}

/** One item as the queue shows it, whatever its status; null when there is none. */
export async function findQueueItem(db: Queryable, itemId: string): Promise<QueueItem | null> {
  const r = await db.query<QueueRow>(`${QUEUE_SELECT} WHERE r.id = $1`, [itemId]);
  return r.rows[0] ? toQueueItem(r.rows[0]) : null;
}

const QUEUE_SELECT = `SELECT r.id, r.kind, r.status, r.content_id, r.report_id, r.enqueued_at, r.known_material, r.best_distance, r.url AS item_url, r.reason,
            (r.lease_until IS NOT NULL) AS leased,
            c.origin, c.source_url, c.mime, c.width, c.height, c.md5, c.sha1, c.sha256, c.blockhash, c.pdq, c.pdq_quality, c.bytes_deleted_at,
            ARRAY(SELECT s.report_id::text FROM review_sources s WHERE s.item_id = r.id GROUP BY s.report_id ORDER BY min(s.added_at)) AS report_ids,
            COALESCE((SELECT json_agg(json_build_object(
                        'listName', m.list_name, 'listSource', m.list_source, 'hashType', m.hash_type,
                        'distance', m.distance, 'category', m.category, 'variant', m.variant, 'knownHashId', m.known_hash_id::text)
                      ORDER BY m.distance, m.id)
                      FROM matches m WHERE m.content_id = r.content_id), '[]'::json) AS matches
       FROM review_items r LEFT JOIN contents c ON c.id = r.content_id`;

/** A queue row as the drivers return it: node-postgres parses json, PGlite may hand it over as text. */
interface QueueRow {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  content_id: string | null;
  report_id: string;
  report_ids: string[];
  enqueued_at: Date | string;
  known_material: boolean;
  best_distance: number | null;
  item_url: string | null;
  reason: string | null;
  leased: boolean;
  origin: ContentFetched['origin'] | null;
  source_url: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  blockhash: string | null;
  pdq: string | null;
  pdq_quality: number | null;
  bytes_deleted_at: Date | string | null;
  matches: QueueItem['matches'] | string;
}

function toQueueItem(row: QueueRow): QueueItem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    contentId: row.content_id,
    reportId: row.report_id,
    reportIds: row.report_ids,
    enqueuedAt: new Date(row.enqueued_at).toISOString(),
    knownMaterial: row.known_material,
    bestDistance: row.best_distance,
    origin: row.origin,
    url: row.kind === 'url' ? row.item_url : row.source_url,
    reason: row.reason,
    mime: row.mime,
    width: row.width,
    height: row.height,
    hashes:
      row.md5 && row.sha1 && row.sha256 && row.blockhash ? { md5: row.md5, sha1: row.sha1, sha256: row.sha256, blockhash: row.blockhash, pdq: row.pdq } : null,
    pdqQuality: row.pdq_quality,
    matches: typeof row.matches === 'string' ? (JSON.parse(row.matches) as QueueItem['matches']) : row.matches,
    leased: row.leased,
    bytesDeletedAt: row.bytes_deleted_at ? new Date(row.bytes_deleted_at).toISOString() : null,
  };
}
