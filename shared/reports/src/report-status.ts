import type { Queryable } from '@hotline/platform';
import { listReportContents, type ContentStatusRow } from './contents-store';
import { findReport, listItems, type ItemRow } from './report-store';
import type { ReviewKind, ReviewStatus } from './queue';

export interface ReportReviewItem {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  contentId: string | null;
  url: string | null;
  reason: string | null;
  /** Resolved on arrival by an earlier decision of the same bytes (never shown). */
  autoResolved: boolean;
}

export interface ReportStatus {
  reportId: string;
  source: string;
  receivedAt: string;
  description: string | null;
  language: string | null;
  closed: boolean;
  closedAt: string | null;
  /** Every URL: the reported ones and the images found on their pages, with state and reason. */
  items: ItemRow[];
  contents: ContentStatusRow[];
  /** The review items this report's URLs and contents became. */
  reviewItems: ReportReviewItem[];
}

/** Where every URL and content of a report stands: for analysts (and tests) following a report. */
export async function reportStatus(db: Queryable, reportId: string): Promise<ReportStatus | null> {
  const head = await findReport(db, reportId);
  if (!head) return null;
  return {
    reportId: head.id,
    source: head.source,
    receivedAt: head.receivedAt,
    description: head.description,
    language: head.language,
    closed: head.closedAt !== null,
    closedAt: head.closedAt,
    items: await listItems(db, reportId),
    contents: await listReportContents(db, reportId),
    reviewItems: await listReportReviewItems(db, reportId),
  };
}

async function listReportReviewItems(db: Queryable, reportId: string): Promise<ReportReviewItem[]> {
  const r = await db.query<{
    id: string;
    kind: ReviewKind;
    status: ReviewStatus;
    content_id: string | null;
    url: string | null;
    reason: string | null;
    auto: boolean;
  }>(
    `SELECT i.id, i.kind, i.status, s.content_id, COALESCE(i.url, c.source_url) AS url, i.reason, bool_or(s.auto_decision_id IS NOT NULL) AS auto
       FROM review_sources s JOIN review_items i ON i.id = s.item_id LEFT JOIN contents c ON c.id = s.content_id
      WHERE s.report_id = $1 GROUP BY i.id, s.content_id, c.source_url ORDER BY min(s.added_at), i.id`,
    [reportId],
  );
  return r.rows.map((x) => ({ id: x.id, kind: x.kind, status: x.status, contentId: x.content_id, url: x.url, reason: x.reason, autoResolved: x.auto }));
}
