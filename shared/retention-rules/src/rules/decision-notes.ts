import type { Queryable } from '@hotline/platform';
import { yearsBefore, type RetentionRule } from '../rule';

// $1 decided before.
const DUE = `d.note IS NOT NULL AND d.created_at < $1`;

/** Decision records, `years` after the decision: the analyst's free-text note goes, the verdict and its classification stay for statistics. */
export function decisionNotesRule(limits: { years: number }): RetentionRule {
  return {
    name: 'decision_notes',
    action: 'drop the note (verdict and classification kept)',
    async find(db: Queryable, now: Date, limit?: number) {
      const r = await db.query<{ id: string }>(`SELECT d.id::text AS id FROM review_decisions d WHERE ${DUE} ORDER BY d.id LIMIT $2`, [
        yearsBefore(now, limits.years),
        limit ?? null,
      ]);
      return r.rows.map((x) => x.id);
    },
    async apply(tx: Queryable, ids: string[], now: Date) {
      if (ids.length === 0) return 0;
      const r = await tx.query(`UPDATE review_decisions d SET note = NULL WHERE d.id = ANY($2::bigint[]) AND ${DUE}`, [yearsBefore(now, limits.years), ids]);
      return r.rowCount;
    },
  };
}
