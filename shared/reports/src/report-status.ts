import type { Queryable } from '@hotline/platform';
import { listReportContents, type ContentStatusRow } from './contents-store';
import { findReport, listItems, type ItemRow } from './report-store';

export interface ReportStatus {
  reportId: string;
  source: string;
  receivedAt: string;
  items: ItemRow[];
  contents: ContentStatusRow[];
}

/** Where every URL and content of a report stands: for analysts (and tests) following a report. */
export async function reportStatus(db: Queryable, reportId: string): Promise<ReportStatus | null> {
  const head = await findReport(db, reportId);
  if (!head) return null;
  return {
    reportId: head.id,
    source: head.source,
    receivedAt: head.receivedAt,
    items: await listItems(db, reportId),
    contents: await listReportContents(db, reportId),
  };
}
