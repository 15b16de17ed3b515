import type { ContentFetched, Match, Queryable } from '@hotline/platform';

// The SQL of `review_items` (the review queue); its rows are mapped once, here.

export interface QueueItem {
  contentId: string;
  reportId: string;
  enqueuedAt: string;
  knownMaterial: boolean;
  bestDistance: number | null;
  origin: ContentFetched['origin'];
  url: string | null;
  mime: string;
  width: number | null;
  height: number | null;
  hashes: { md5: string; sha1: string; sha256: string; blockhash: string; pdq: string | null };
  pdqQuality: number | null;
  matches: Array<Omit<Match, 'knownHashId'> & { knownHashId: string }>;
}

/**
 * Idempotent by content id: a redelivered event finds the item already queued. `matches` holds the
 * best of `matchCount` (closest first); the queue's listing reads all of them from the table.
 */
export async function enqueueForReview(db: Queryable, item: { contentId: string; reportId: string; matches: Match[]; matchCount: number }): Promise<boolean> {
  const best = item.matches.length > 0 ? Math.min(...item.matches.map((m) => m.distance)) : null;
  const r = await db.query(
    `INSERT INTO review_items (content_id, report_id, known_material, best_distance) VALUES ($1, $2, $3, $4)
     ON CONFLICT (content_id) DO NOTHING`,
    [item.contentId, item.reportId, item.matchCount > 0, best],
  );
  return r.rowCount > 0;
}

/** Known-material matches first, then the closest distance, then the oldest. */
export async function listQueue(db: Queryable, opts: { limit: number; offset: number }): Promise<{ total: number; items: QueueItem[] }> {
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items WHERE status = 'pending'`);
  const r = await db.query<QueueRow>(
    `SELECT r.content_id, r.report_id, r.enqueued_at, r.known_material, r.best_distance,
            c.origin, c.source_url, c.mime, c.width, c.height, c.md5, c.sha1, c.sha256, c.blockhash, c.pdq, c.pdq_quality,
            COALESCE((SELECT json_agg(json_build_object(
                        'listName', m.list_name, 'listSource', m.list_source, 'hashType', m.hash_type,
                        'distance', m.distance, 'category', m.category, 'variant', m.variant, 'knownHashId', m.known_hash_id::text)
                      ORDER BY m.distance, m.id)
                      FROM matches m WHERE m.content_id = r.content_id), '[]'::json) AS matches
       FROM review_items r JOIN contents c ON c.id = r.content_id
      WHERE r.status = 'pending'
      ORDER BY r.known_material DESC, r.best_distance ASC NULLS LAST, r.enqueued_at ASC, r.content_id
      LIMIT $1 OFFSET $2`,
    [opts.limit, opts.offset],
  );
  return { total: total.rows[0]?.n ?? 0, items: r.rows.map(toQueueItem) };
}

/** A queue row as the drivers return it: node-postgres parses json, PGlite may hand it over as text. */
interface QueueRow {
  content_id: string;
  report_id: string;
  enqueued_at: Date | string;
  known_material: boolean;
  best_distance: number | null;
  origin: ContentFetched['origin'];
  source_url: string | null;
  mime: string;
  width: number | null;
  height: number | null;
  md5: string;
  sha1: string;
  sha256: string;
  blockhash: string;
  pdq: string | null;
  pdq_quality: number | null;
  matches: QueueItem['matches'] | string;
}

function toQueueItem(row: QueueRow): QueueItem {
  return {
    contentId: row.content_id,
    reportId: row.report_id,
    enqueuedAt: new Date(row.enqueued_at).toISOString(),
    knownMaterial: row.known_material,
    bestDistance: row.best_distance,
    origin: row.origin,
    url: row.source_url,
    mime: row.mime,
    width: row.width,
    height: row.height,
    hashes: { md5: row.md5, sha1: row.sha1, sha256: row.sha256, blockhash: row.blockhash, pdq: row.pdq },
    pdqQuality: row.pdq_quality,
    matches: typeof row.matches === 'string' ? (JSON.parse(row.matches) as QueueItem['matches']) : row.matches,
  };
}
