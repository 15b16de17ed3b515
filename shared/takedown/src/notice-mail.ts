import { ValidationError, type MailMessage } from '@hotline/platform';
import { en, templateFor, type NoticeLevel, type NoticeTemplate } from './templates';
import { assertValidXarf, type XarfCsamReport } from './xarf';

export interface HotlineIdentity {
  name: string;
  email: string;
  website?: string;
  /** ISO 3166-1 alpha-2, e.g. 'NL'. */
  country: string;
}

export interface NoticeItem {
  caseId: string;
  url: string;
  ip: string | null;
  host: string;
  firstReportedAt: string;
  decidedAt: string;
  /** 1 = the first notice about this URL, 2+ = repeated. */
  noticeNumber: number;
  /** When the first notice about this URL went out; "removal requested since" (decidedAt when absent). */
  firstNoticeAt?: string;
  xarf: XarfCsamReport;
  /** How the notice names the classification, e.g. "baseline — A1 (sex act)". */
  classificationLabel: string;
}

export interface NoticeMailInput {
  noticeId: string;
  /** The abuse address: one mail per address, carrying all of its open URLs. */
  to: string;
  level: NoticeLevel;
  /** The provider's language where known (its country's); the mail is in English, then in this language. */
  language: string | null;
  hotline: HotlineIdentity;
  items: NoticeItem[];
  /** Upstream and police levels: how many notices the provider had, and its name if known. */
  escalation?: { providerNotices: number; providerName: string | null };
  sentAt: string;
}

const ADDRESS = /^[^\s<>@]+@[^\s<>@]+$/;

/**
 * One notice mail: the text in English (then in the provider's language when we have a template for it), one
 * X-ARF v4 content/csam attachment per URL, each validated first. It names URLs, hosts and hashes only: never the
 * image (neither attached nor described), never who reported it.
 */
export function composeNoticeMail(input: NoticeMailInput): MailMessage {
  if (!ADDRESS.test(input.to)) throw new ValidationError('a notice goes to one plain e-mail address (no name, no line break)');
  if (input.items.length === 0) throw new ValidationError('a notice needs at least one URL');
  if (input.level !== 'provider' && !input.escalation) throw new ValidationError(`a notice to the ${input.level} says how many notices the provider had`);
  for (const item of input.items) {
    if (!Number.isInteger(item.noticeNumber) || item.noticeNumber < 1) throw new ValidationError('a notice number is a whole number from 1');
    assertValidXarf(item.xarf);
  }
  const translation = templateFor(input.language);
  const parts = [render(en, input, translation)];
  if (translation) parts.push(`——— ${translation.languageName} ———\n\n${render(translation, input, null)}`);
  return {
    to: input.to,
    replyTo: input.hotline.email,
    subject: noticeSubject(input),
    text: parts.join('\n\n'),
    headers: { 'X-ARF': 'yes', 'X-Hotline-Notice-Id': input.noticeId },
    attachments: input.items.map((item, i) => ({
      filename: `xarf-${i + 1}.json`,
      content: JSON.stringify(item.xarf, null, 2),
      contentType: 'application/json',
    })),
  };
}

export function noticeSubject(input: Pick<NoticeMailInput, 'hotline' | 'items' | 'level'>): string {
  const count = input.items.length === 1 ? '1 URL' : `${input.items.length} URLs`;
  const repeat = input.items.some((i) => i.noticeNumber > 1) ? ' (repeat notice)' : '';
  const what =
    input.level === 'provider'
      ? 'Notice of child sexual abuse material'
      : input.level === 'upstream'
        ? 'Escalated notice of child sexual abuse material (provider did not act)'
        : 'Referral of child sexual abuse material not removed by the provider';
  return `[${input.hotline.name.replace(/[\r\n]+/g, ' ')}] ${what} — ${count}${repeat}`;
}

function render(t: NoticeTemplate, input: NoticeMailInput, translation: NoticeTemplate | null): string {
  const country = countryName(input.hotline.country, t.language);
  const count = input.items.length;
  const paragraphs: string[] = [];
  if (translation) paragraphs.push(translation.translationBelow);
  paragraphs.push(t.greeting(input.level));
  paragraphs.push(t.intro({ hotline: input.hotline.name, country, count, level: input.level }));
  paragraphs.push(t.illegal(country));
  if (input.level !== 'provider' && input.escalation) {
    paragraphs.push(t.escalation({ level: input.level, ...input.escalation }));
  }
  paragraphs.push([t.requestHeading, ...t.requests(input.level).map((r) => `- ${r}`)].join('\n'));
  paragraphs.push(t.noNeedToOpen);
  paragraphs.push([t.addressesHeading(count), ...input.items.map((item, i) => itemBlock(t, item, i + 1))].join('\n\n'));
  paragraphs.push(t.reply({ email: input.hotline.email, noticeId: input.noticeId }));
  paragraphs.push([t.closing, input.hotline.name, input.hotline.email, input.hotline.website].filter(Boolean).join('\n'));
  return paragraphs.join('\n\n');
}

function itemBlock(t: NoticeTemplate, item: NoticeItem, n: number): string {
  const l = t.labels;
  return [
    `${n}. ${item.url}`,
    `   ${l.host}: ${item.host}; ${l.ip}: ${item.ip ?? l.unknown}`,
    `   ${l.classification}: ${item.classificationLabel}`,
    `   ${l.reported}: ${stamp(item.firstReportedAt)}; ${l.confirmed}: ${stamp(item.decidedAt)}`,
    ...(item.xarf.hash_values ? [`   SHA-256: ${item.xarf.hash_values.sha256}`] : []),
    `   ${t.noticeNumber(item.noticeNumber, day(item.firstNoticeAt ?? item.decidedAt))}`,
    `   ${l.xarf}: xarf-${n}.json`,
  ].join('\n');
}

/** Dates read the same in every language: 2025-01-20 10:30 UTC. */
function stamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
