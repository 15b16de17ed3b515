import type { Queryable } from '@hotline/platform';
import { EFFECTIVE_FIRST } from './decisions-store';

// When a report is finished: every URL settled, every content in review, every item decided.

export interface ReportOutcome {
  baseline: number;
  national: number;
  not_illegal: number;
  not_reachable: number;
}

/** An open report (`p`) with nothing of it still in flight or open. */
const FINISHED = `p.closed_at IS NULL
        AND EXISTS (SELECT 1 FROM review_sources s WHERE s.report_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM report_urls u WHERE u.report_id = p.id AND u.state = 'pending')
        AND NOT EXISTS (SELECT 1 FROM contents c WHERE c.report_id = p.id AND NOT EXISTS (SELECT 1 FROM review_sources s WHERE s.content_id = c.id))
        AND NOT EXISTS (SELECT 1 FROM review_sources s JOIN review_items i ON i.id = s.item_id WHERE s.report_id = p.id AND i.status <> 'decided')`;

/**
 * Locks these reports (in id order, the one order every writer uses) until commit. Two decisions on
 * items of one report then take turns at it: the later one waits, and its closing check — a new
 * statement under READ COMMITTED — sees the earlier decision committed. Without it each check's
 * snapshot misses the other's uncommitted decision and the report stays open.
 */
export async function lockReports(tx: Queryable, reportIds: string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await tx.query('SELECT id FROM reports WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [reportIds]);
}

/** Reports that are finished but were never closed (the safety net's targets), oldest first. */
export async function finishedOpenReports(db: Queryable, limit: number): Promise<string[]> {
  const r = await db.query<{ id: string }>(`SELECT p.id FROM reports p WHERE ${FINISHED} ORDER BY p.received_at, p.id LIMIT $1`, [limit]);
  return r.rows.map((x) => x.id);
}

/**
 * Closes the report when nothing of it is still in flight or open: no URL pending a fetch, no content
 * that has not reached review (still being hashed or matched), no source whose item is undecided.
 * Returns the closing time and the outcome (items per final verdict), or null when it stays open
 * (or was closed already).
 */
export async function closeReportIfDone(tx: Queryable, reportId: string, at: Date): Promise<{ closedAt: string; outcome: ReportOutcome } | null> {
  const r = await tx.query<{ closed_at: Date | string }>(`UPDATE reports p SET closed_at = $2 WHERE p.id = $1 AND ${FINISHED} RETURNING closed_at`, [
    reportId,
    at,
  ]);
  if (!r.rows[0]) return null;
  const counts = await tx.query<{ verdict: keyof ReportOutcome; n: number }>(
    `SELECT f.verdict, count(DISTINCT s.item_id)::int AS n FROM review_sources s
       JOIN LATERAL (SELECT verdict FROM review_decisions d WHERE d.item_id = s.item_id
                      ORDER BY ${EFFECTIVE_FIRST} LIMIT 1) f ON true
      WHERE s.report_id = $1 GROUP BY f.verdict`,
    [reportId],
  );
  const outcome: ReportOutcome = { baseline: 0, national: 0, not_illegal: 0, not_reachable: 0 };
  for (const c of counts.rows) outcome[c.verdict] = c.n;
  return { closedAt: new Date(r.rows[0].closed_at).toISOString(), outcome };
}

/** The reports an item's sources came from, in id order: closing them in one order everywhere keeps two decisions from deadlocking. */
export async function itemReportIds(db: Queryable, itemId: string): Promise<string[]> {
  const r = await db.query<{ report_id: string }>('SELECT DISTINCT report_id FROM review_sources WHERE item_id = $1 ORDER BY report_id', [itemId]);
  return r.rows.map((x) => x.report_id);
}

/** The URLs an item was seen at (reported URLs and image addresses), at most `limit`, for review.decided. */
export async function itemUrls(db: Queryable, itemId: string, limit: number): Promise<string[]> {
  const r = await db.query<{ url: string }>(
    `SELECT DISTINCT url FROM (
       SELECT c.source_url AS url FROM review_sources s JOIN contents c ON c.id = s.content_id WHERE s.item_id = $1
       UNION SELECT u.url FROM review_sources s JOIN report_urls u ON u.id = s.report_url_id WHERE s.item_id = $1
       UNION SELECT i.url FROM review_items i WHERE i.id = $1) x WHERE url IS NOT NULL ORDER BY url LIMIT $2`,
    [itemId, limit],
  );
  return r.rows.map((x) => x.url);
}

/** Open items with a source in the report (the bulk decision's targets), oldest first. */
export async function openItemsOfReport(db: Queryable, reportId: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT i.id FROM review_items i WHERE i.status <> 'decided' AND EXISTS (SELECT 1 FROM review_sources s WHERE s.item_id = i.id AND s.report_id = $1)
      ORDER BY i.enqueued_at, i.id`,
    [reportId],
  );
  return r.rows.map((x) => x.id);
}
