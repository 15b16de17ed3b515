import type { Queryable } from '@hotline/platform';
import { monthsBefore, type RetentionRule } from '../rule';

/** What an anonymised report URL reads (the column cannot be empty: figures per URL stay). */
export const REMOVED_URL = '(removed by retention)';

// $1 closed before.
const DUE = `p.closed_at IS NOT NULL AND p.closed_at < $1 AND p.anonymised_at IS NULL`;

/**
 * Closed reports, `months` after closing: the reported URLs and final URLs, the images' source URLs,
 * the unresolved items' URLs, the description and the pick-up code go; the figures stay (counts,
 * timestamps, states, verdicts). Open reports are never touched.
 */
export function closedReportsRule(limits: { months: number }): RetentionRule {
  return {
    name: 'closed_reports',
    action: 'anonymise: drop URLs, final URLs, source URLs, description and pick-up code (figures kept)',
    async find(db: Queryable, now: Date, limit?: number) {
      const r = await db.query<{ id: string }>(`SELECT p.id FROM reports p WHERE ${DUE} ORDER BY p.id LIMIT $2`, [
        monthsBefore(now, limits.months),
        limit ?? null,
      ]);
      return r.rows.map((x) => x.id);
    },
    async apply(tx: Queryable, ids: string[], now: Date) {
      if (ids.length === 0) return 0;
      const done = await tx.query<{ id: string }>(
        `UPDATE reports p SET description = NULL, anonymised_at = $3 WHERE p.id = ANY($2::uuid[]) AND ${DUE} RETURNING p.id`,
        [monthsBefore(now, limits.months), ids, now],
      );
      const reports = done.rows.map((x) => x.id);
      if (reports.length === 0) return 0;
      await tx.query(`UPDATE report_urls SET url = $2, final_url = NULL WHERE report_id = ANY($1::uuid[])`, [reports, REMOVED_URL]);
      await tx.query(`UPDATE contents SET source_url = NULL WHERE report_id = ANY($1::uuid[]) AND source_url IS NOT NULL`, [reports]);
      // An unresolved item is one URL of one report; a content item's URLs live in its sources above.
      await tx.query(
        `UPDATE review_items i SET url = NULL WHERE i.kind = 'url' AND i.url IS NOT NULL
            AND EXISTS (SELECT 1 FROM review_sources s WHERE s.item_id = i.id AND s.report_id = ANY($1::uuid[]))`,
        [reports],
      );
      await tx.query(`DELETE FROM report_pickup_codes WHERE report_id = ANY($1::uuid[])`, [reports]);
      return reports.length;
    },
  };
}
