import { noticeLanguage, type NoticeLevel, type TakedownCase } from '@hotline/takedown';
import type { TakedownDeps } from './deps';

export interface NextNotice {
  level: NoticeLevel;
  contact: string;
  language: string | null;
}

/**
 * Who gets notice number `n` of a case that is still served: the provider's abuse contact for the first
 * TAKEDOWN_ESCALATE_AFTER, then the upstream network's (the provider directory's upstream contact), then — or when
 * there is no upstream — the police. Null when nobody can be told (the case then waits for an analyst).
 */
export function nextNotice(deps: TakedownDeps, c: TakedownCase, n: number): NextNotice | null {
  const trace = c.trace as { upstreamAbuseEmail?: string | null } | null;
  const language = noticeLanguage(c.trace);
  if (n <= deps.cfg.TAKEDOWN_ESCALATE_AFTER && c.abuseEmail) return { level: 'provider', contact: c.abuseEmail, language };
  if (n <= deps.cfg.TAKEDOWN_POLICE_AFTER && trace?.upstreamAbuseEmail) return { level: 'upstream', contact: trace.upstreamAbuseEmail, language: null };
  if (deps.rules.police?.email) return { level: 'police', contact: deps.rules.police.email, language: null };
  return c.abuseEmail ? { level: 'provider', contact: c.abuseEmail, language } : null;
}

/** A repeat is due once the interval since the last notice has passed, with a little slack so a daily check does not miss its day by seconds. */
export function renoticeDue(deps: TakedownDeps, c: TakedownCase, now: Date): boolean {
  if (!c.lastNoticeAt) return true;
  const interval = deps.cfg.TAKEDOWN_RENOTICE_HOURS * 3_600_000;
  const slack = Math.min(3_600_000, interval / 10);
  return new Date(c.lastNoticeAt).getTime() + interval - slack <= now.getTime();
}
