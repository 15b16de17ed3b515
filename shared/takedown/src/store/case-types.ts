import type { Classification } from '@hotline/platform';

export type CaseState = 'tracing' | 'held' | 'active' | 'needs_analyst' | 'removed' | 'cancelled';
export type CaseOrigin = 'decision' | 'auto_list';
export type CaseRoute = 'domestic' | 'inhope' | 'elsewhere' | 'unknown';
export type NoticeWhen = 'now' | 'after_clearance' | 'after_hold' | 'never';
export type NoticeLevel = 'provider' | 'upstream' | 'police';
export type CheckOutcome = 'present' | 'absent' | 'unreachable';

/** The states in which a case still needs work; the others are final. */
export const OPEN_STATES: readonly CaseState[] = ['tracing', 'held', 'active', 'needs_analyst'];

export interface TakedownCase {
  id: string;
  url: string;
  state: CaseState;
  stateReason: string | null;
  origin: CaseOrigin;
  classification: Classification;
  reportId: string | null;
  contentId: string | null;
  firstReportedAt: string;
  confirmedAt: string;
  /** The last hosting trace (a `HostingTrace` of @hotline/hosting-trace), as stored. */
  trace: Record<string, unknown> | null;
  tracedAt: string | null;
  country: string | null;
  asn: number | null;
  providerName: string | null;
  abuseEmail: string | null;
  route: CaseRoute | null;
  noticeWhen: NoticeWhen | null;
  noticeNotBefore: string | null;
  clearedAt: string | null;
  clearedBy: string | null;
  noticesSent: number;
  firstNoticeAt: string | null;
  lastNoticeAt: string | null;
  checks: number;
  consecutiveAbsent: number;
  lastCheckAt: string | null;
  lastCheckOutcome: CheckOutcome | null;
  removedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a case expects its URL to serve (hex hashes). */
export interface CaseItem {
  itemId: string;
  decisionId: string | null;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
  active: boolean;
}

export interface CaseEvent {
  id: string;
  at: string;
  kind: string;
  details: Record<string, unknown>;
}

export interface CaseCheck {
  checkNumber: number;
  at: string;
  outcome: CheckOutcome;
  httpStatus: number | null;
  detail: string | null;
}

export interface CaseNotice {
  noticeId: string | null;
  noticeNumber: number;
  level: NoticeLevel;
  contact: string;
  dueAt: string;
  state: 'pending' | 'sending' | 'sent' | 'cancelled';
  sentAt: string | null;
  messageId: string | null;
}

export interface CaseReferral {
  id: string;
  kind: 'police' | 'interpol' | 'inhope_member';
  name: string;
  country: string | null;
  channel: 'http' | 'email' | 'none';
  address: string | null;
  reason: string;
  state: 'pending' | 'sent' | 'unroutable' | 'failed';
  keyId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
