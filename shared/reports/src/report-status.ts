import type { Queryable } from '@hotline/platform';

export interface ReportStatus {
  reportId: string;
  source: string;
  receivedAt: string;
  items: Array<{ itemId: string; parentId: string | null; url: string; state: string; reason: string | null; httpStatus: number | null }>;
  contents: Array<{ contentId: string; itemId: string | null; origin: string; url: string | null; mime: string; state: string; reason: string | null; queued: boolean }>;
}

/** Where every URL and content of a report stands: for analysts (and tests) following a report. */
export async function reportStatus(db: Queryable, reportId: string): Promise<ReportStatus | null> {
  const report = await db.query<{ id: string; source: string; received_at: Date }>('SELECT id, source, received_at FROM reports WHERE id = $1', [reportId]);
  const head = report.rows[0];
  if (!head) return null;
  const items = await db.query<Record<string, unknown>>(
    `SELECT id, parent_id, url, state, reason, http_status FROM report_urls WHERE report_id = $1
      ORDER BY parent_id NULLS FIRST, position`,
    [reportId],
  );
  const contents = await db.query<Record<string, unknown>>(
    `SELECT c.id, c.item_id, c.origin, c.source_url, c.mime, c.state, c.reason, (r.content_id IS NOT NULL) AS queued
       FROM contents c LEFT JOIN review_items r ON r.content_id = c.id WHERE c.report_id = $1 ORDER BY c.created_at, c.id`,
    [reportId],
  );
  return {
    reportId: head.id,
    source: head.source,
    receivedAt: new Date(head.received_at).toISOString(),
    items: items.rows.map((r) => ({
      itemId: r.id as string,
      parentId: r.parent_id as string | null,
      url: r.url as string,
      state: r.state as string,
      reason: r.reason as string | null,
      httpStatus: r.http_status as number | null,
    })),
    contents: contents.rows.map((r) => ({
      contentId: r.id as string,
      itemId: r.item_id as string | null,
      origin: r.origin as string,
      url: r.source_url as string | null,
      mime: r.mime as string,
      state: r.state as string,
      reason: r.reason as string | null,
      queued: r.queued as boolean,
    })),
  };
}
