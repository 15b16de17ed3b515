import type { Queryable, UrlReported } from '@hotline/platform';

// The SQL of `reports` and `report_urls`. Rows leave as typed objects mapped here once (timestamps as
// ISO strings), so callers never cast a column.

export type ItemState = 'pending' | 'fetched' | 'page' | 'refused' | 'failed';

export interface ReportRow {
  id: string;
  source: UrlReported['source'];
  receivedAt: string;
  description: string | null;
  language: string | null;
  closedAt: string | null;
}

export interface ItemRow {
  itemId: string;
  parentId: string | null;
  url: string;
  state: ItemState;
  reason: string | null;
  httpStatus: number | null;
}

/** What a fetch settled an item with; `page` and `fetched` also keep where the fetch ended. */
export type ItemSettlement =
  { state: 'refused' | 'failed'; reason: string } | { state: 'fetched' | 'page'; reason: string | null; finalUrl: string; httpStatus: number; mime: string };

export async function insertReport(
  tx: Queryable,
  r: { id: string; source: ReportRow['source']; description: string | null; language: string | null; receivedAt: string },
): Promise<void> {
  await tx.query('INSERT INTO reports (id, source, description, language, received_at) VALUES ($1, $2, $3, $4, $5)', [
    r.id,
    r.source,
    r.description,
    r.language,
    r.receivedAt,
  ]);
}

/** A reported URL, top level: its id is new, so a conflict is a bug and fails the transaction. */
export async function insertReportedItem(tx: Queryable, item: { id: string; reportId: string; position: number; url: string }): Promise<void> {
  await tx.query('INSERT INTO report_urls (id, report_id, position, url) VALUES ($1, $2, $3, $4)', [item.id, item.reportId, item.position, item.url]);
}

/** An image found on a reported page; its id is derived, so a redelivered page inserts nothing twice. */
export async function insertLinkedItem(tx: Queryable, item: { id: string; reportId: string; parentId: string; position: number; url: string }): Promise<void> {
  await tx.query(`INSERT INTO report_urls (id, report_id, parent_id, position, url) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    item.id,
    item.reportId,
    item.parentId,
    item.position,
    item.url,
  ]);
}

/** null when the item does not exist. */
export async function itemState(db: Queryable, itemId: string): Promise<ItemState | null> {
  const r = await db.query<{ state: ItemState }>('SELECT state FROM report_urls WHERE id = $1', [itemId]);
  return r.rows[0]?.state ?? null;
}

/** Compare-and-set out of `pending`: false when another delivery settled the item first. */
export async function settleItem(tx: Queryable, itemId: string, s: ItemSettlement): Promise<boolean> {
  const moved =
    'finalUrl' in s
      ? await tx.query(
          `UPDATE report_urls SET state = $2, reason = $3, final_url = $4, http_status = $5, mime = $6, updated_at = now()
            WHERE id = $1 AND state = 'pending'`,
          [itemId, s.state, s.reason, s.finalUrl, s.httpStatus, s.mime],
        )
      : await tx.query(`UPDATE report_urls SET state = $2, reason = $3, updated_at = now() WHERE id = $1 AND state = 'pending'`, [itemId, s.state, s.reason]);
  return moved.rowCount > 0;
}

export async function findReport(db: Queryable, reportId: string): Promise<ReportRow | null> {
  const r = await db.query<{
    id: string;
    source: ReportRow['source'];
    received_at: Date | string;
    description: string | null;
    language: string | null;
    closed_at: Date | string | null;
  }>('SELECT id, source, received_at, description, language, closed_at FROM reports WHERE id = $1', [reportId]);
  const row = r.rows[0];
  return row
    ? {
        id: row.id,
        source: row.source,
        receivedAt: new Date(row.received_at).toISOString(),
        description: row.description,
        language: row.language,
        closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      }
    : null;
}

/** A report's items, its reported URLs first (in the order given), then the images found on its pages. */
export async function listItems(db: Queryable, reportId: string): Promise<ItemRow[]> {
  const r = await db.query<{ id: string; parent_id: string | null; url: string; state: ItemState; reason: string | null; http_status: number | null }>(
    `SELECT id, parent_id, url, state, reason, http_status FROM report_urls WHERE report_id = $1
      ORDER BY parent_id NULLS FIRST, position`,
    [reportId],
  );
  return r.rows.map((x) => ({ itemId: x.id, parentId: x.parent_id, url: x.url, state: x.state, reason: x.reason, httpStatus: x.http_status }));
}
