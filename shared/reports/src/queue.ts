import type { Match, Queryable } from '@hotline/platform';

export interface QueueItem {
  contentId: string;
  reportId: string;
  enqueuedAt: string;
  knownMaterial: boolean;
  bestDistance: number | null;
  origin: string;
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
  const r = await db.query<Record<string, unknown>>(
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
  return {
    total: total.rows[0]?.n ?? 0,
    items: r.rows.map((row) => ({
      contentId: row.content_id as string,
      reportId: row.report_id as string,
      enqueuedAt: new Date(row.enqueued_at as string).toISOString(),
      knownMaterial: row.known_material as boolean,
      bestDistance: row.best_distance as number | null,
      origin: row.origin as string,
      url: row.source_url as string | null,
      mime: row.mime as string,
      width: row.width as number | null,
      height: row.height as number | null,
      hashes: { md5: row.md5 as string, sha1: row.sha1 as string, sha256: row.sha256 as string, blockhash: row.blockhash as string, pdq: row.pdq as string | null },
      pdqQuality: row.pdq_quality as number | null,
      matches: (typeof row.matches === 'string' ? JSON.parse(row.matches) : row.matches) as QueueItem['matches'],
    })),
  };
}
