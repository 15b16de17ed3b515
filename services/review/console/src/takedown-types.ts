// The takedown part of the review API as the console sees it (services/review/src/api/*takedown*).

export type CaseState = 'tracing' | 'held' | 'active' | 'needs_analyst' | 'removed' | 'cancelled';
export const CASE_STATES: CaseState[] = ['held', 'needs_analyst', 'tracing', 'active', 'removed', 'cancelled'];

/** A HostingTrace of @hotline/hosting-trace, as stored; every field optional because older traces may lack some. */
export interface HostingTrace {
  host?: string;
  ip?: string | null;
  country?: string | null;
  countrySource?: string | null;
  asn?: number | null;
  asName?: string | null;
  network?: string | null;
  provider?: { id: string | null; name: string | null };
  abuse?: { email: string | null; source: string; fetchedAt: string | null };
  upstreamAbuseEmail?: string | null;
  language?: string | null;
  cdn?: { host: string; origin: string } | null;
  error?: string | null;
}

export interface TakedownCase {
  id: string;
  url: string;
  state: CaseState;
  stateReason: string | null;
  origin: 'decision' | 'auto_list';
  firstReportedAt: string;
  confirmedAt: string;
  trace: HostingTrace | null;
  tracedAt: string | null;
  country: string | null;
  asn: number | null;
  providerName: string | null;
  abuseEmail: string | null;
  route: string | null;
  noticeWhen: string | null;
  noticeNotBefore: string | null;
  clearedAt: string | null;
  clearedBy: string | null;
  noticesSent: number;
  checks: number;
  removedAt: string | null;
  updatedAt: string;
}

export interface CaseList {
  cases: TakedownCase[];
  counts: Record<CaseState, number>;
}

export interface CaseDetail {
  case: TakedownCase;
  items: Array<{ itemId: string; sha256: string | null; active: boolean }>;
  events: Array<{ id: string; at: string; kind: string; details: Record<string, unknown> }>;
  checks: Array<{ checkNumber: number; at: string; outcome: 'present' | 'absent' | 'unreachable'; httpStatus: number | null; detail: string | null }>;
  notices: Array<{ noticeNumber: number; level: string; contact: string; dueAt: string; state: string; sentAt: string | null }>;
  referrals: Array<{
    id: string;
    kind: string;
    name: string;
    country: string | null;
    channel: string;
    reason: string;
    state: string;
    keyId: string | null;
    error: string | null;
    createdAt: string;
    sentAt: string | null;
  }>;
}

export type { RemovalFigures, TakedownStatistics } from '../../../../shared/takedown/src/store/statistics-types';
