import type { ContentFetched, Queryable } from '@hotline/platform';

export interface ItemSource {
  reportId: string;
  contentId: string | null;
  url: string | null;
  origin: ContentFetched['origin'] | 'reported';
  receivedAt: string;
  autoResolved: boolean;
}

/** Where an item was seen: one row per source, oldest first. */
export async function listItemSources(db: Queryable, itemId: string): Promise<ItemSource[]> {
  const r = await db.query<{
    report_id: string;
    content_id: string | null;
    url: string | null;
    origin: ContentFetched['origin'] | null;
    received_at: Date | string;
    auto: boolean;
  }>(
    `SELECT s.report_id, s.content_id, COALESCE(c.source_url, u.url) AS url, c.origin, p.received_at, (s.auto_decision_id IS NOT NULL) AS auto
       FROM review_sources s JOIN reports p ON p.id = s.report_id
       LEFT JOIN contents c ON c.id = s.content_id LEFT JOIN report_urls u ON u.id = s.report_url_id
      WHERE s.item_id = $1 ORDER BY s.added_at, s.source_key`,
    [itemId],
  );
  return r.rows.map((x) => ({
    reportId: x.report_id,
    contentId: x.content_id,
    url: x.url,
    origin: x.origin ?? 'reported',
    receivedAt: new Date(x.received_at).toISOString(),
    autoResolved: x.auto,
  }));
}

/** The prefill decision id of an item (a PDQ near-duplicate's decision), if any. */
export async function prefillOf(db: Queryable, itemId: string): Promise<string | null> {
  const r = await db.query<{ id: string | null }>('SELECT prefill_decision_id::text AS id FROM review_items WHERE id = $1', [itemId]);
  return r.rows[0]?.id ?? null;
}

export interface ClosedReport {
  reportId: string;
  source: string;
  receivedAt: string;
  closedAt: string;
  items: number;
}

/** Passive files: closed reports, the most recently closed first. */
export async function listClosedReports(db: Queryable, opts: { limit: number; offset: number }): Promise<{ total: number; reports: ClosedReport[] }> {
  const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE closed_at IS NOT NULL');
  const r = await db.query<{ id: string; source: string; received_at: Date | string; closed_at: Date | string; items: number }>(
    `SELECT p.id, p.source, p.received_at, p.closed_at, (SELECT count(DISTINCT s.item_id)::int FROM review_sources s WHERE s.report_id = p.id) AS items
       FROM reports p WHERE p.closed_at IS NOT NULL ORDER BY p.closed_at DESC, p.id LIMIT $1 OFFSET $2`,
    [opts.limit, opts.offset],
  );
  return {
    total: total.rows[0]?.n ?? 0,
    reports: r.rows.map((x) => ({
      reportId: x.id,
      source: x.source,
      receivedAt: new Date(x.received_at).toISOString(),
      closedAt: new Date(x.closed_at).toISOString(),
      items: x.items,
    })),
  };
}
