/** Who receives a notice: the hosting provider, its upstream network after N notices, or the police after that. */
export type NoticeLevel = 'provider' | 'upstream' | 'police';

/** The phrases of a notice in one language; `render-notice.ts` puts them together the same way for every language. */
export interface NoticeTemplate {
  language: string;
  /** The language's name in itself, for the separator line: "Deutsch". */
  languageName: string;
  /** One line at the top of the English text: where this translation is. */
  translationBelow: string;
  greeting(level: NoticeLevel): string;
  intro(v: { hotline: string; country: string; count: number; level: NoticeLevel }): string;
  illegal(country: string): string;
  escalation(v: { level: 'upstream' | 'police'; providerNotices: number; providerName: string | null }): string;
  requestHeading: string;
  requests(level: NoticeLevel): string[];
  noNeedToOpen: string;
  addressesHeading(count: number): string;
  labels: { host: string; ip: string; unknown: string; classification: string; reported: string; confirmed: string; xarf: string };
  noticeNumber(n: number, since: string): string;
  reply(v: { email: string; noticeId: string }): string;
  closing: string;
}
