import type { Queryable } from '@hotline/platform';
import type { CaseCheck, CaseEvent, CaseItem, CaseNotice, TakedownCase } from './case-types';
import { caseItems, getCase } from './cases-store';
import { caseChecks } from './checks-store';
import { caseNotices } from './notices-store';
import { caseReferrals, type StoredReferral } from './referrals-store';
import { iso, json, type Ts } from './rows';

export async function caseEvents(db: Queryable, caseId: string): Promise<CaseEvent[]> {
  const r = await db.query<{ id: string; at: Ts; kind: string; details: unknown }>(
    'SELECT id::text, at, kind, details FROM takedown_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return r.rows.map((x) => ({ id: x.id, at: iso(x.at), kind: x.kind, details: json<Record<string, unknown>>(x.details) }));
}

export interface CaseDetail {
  case: TakedownCase;
  items: CaseItem[];
  events: CaseEvent[];
  checks: CaseCheck[];
  notices: CaseNotice[];
  referrals: StoredReferral[];
}

/** Everything the console shows of one case: its trace, timeline, notices, checks and referrals. */
export async function caseDetail(db: Queryable, caseId: string): Promise<CaseDetail | null> {
  const c = await getCase(db, caseId);
  if (!c) return null;
  const [items, events, checks, notices, referrals] = await Promise.all([
    caseItems(db, caseId),
    caseEvents(db, caseId),
    caseChecks(db, caseId),
    caseNotices(db, caseId),
    caseReferrals(db, caseId),
  ]);
  return { case: c, items, events, checks, notices, referrals };
}
