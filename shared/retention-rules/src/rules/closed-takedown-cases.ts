import type { Queryable } from '@hotline/platform';
import { anonymiseClosedCases, closedCasesDue } from '@hotline/takedown';
import { monthsBefore, type RetentionRule } from '../rule';

/**
 * Takedown cases, `months` after they closed (removed or cancelled), as reports are: the URL, trace, abuse address,
 * referral documents and timeline details go; the times, country, provider and counters stay for the statistics.
 */
export function closedTakedownCasesRule(limits: { months: number }): RetentionRule {
  return {
    name: 'closed_takedown_cases',
    action: 'anonymise: drop the URL, trace, abuse address, referral documents and timeline details (figures kept)',
    find: (db: Queryable, now: Date, limit?: number) => closedCasesDue(db, monthsBefore(now, limits.months), limit),
    apply: (tx: Queryable, ids: string[], now: Date) => anonymiseClosedCases(tx, ids, monthsBefore(now, limits.months), now),
  };
}
