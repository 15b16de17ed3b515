import type { Metrics } from '@hotline/platform';
import type { ItemOutcome } from './record-fetch';

/**
 * A metrics label for why an item was refused or failed: a short fixed vocabulary. The reason text
 * itself can name the host or the address it resolved to, so it never becomes a label.
 */
export type FetchReasonClass =
  | 'none'
  | 'refused_scheme'
  | 'refused_credentials'
  | 'refused_address'
  | 'refused_unresolved'
  | 'refused_invalid_url'
  | 'timeout'
  | 'budget_exhausted'
  | 'too_large'
  | 'too_many_redirects'
  | 'url_too_long'
  | 'http_4xx'
  | 'http_5xx'
  | 'http_other'
  | 'dns'
  | 'connection'
  | 'unsupported_format'
  | 'not_an_image'
  | 'cancelled'
  | 'other';

const RULES: Array<[RegExp, FetchReasonClass]> = [
  [/^refused: the scheme/, 'refused_scheme'],
  [/^refused: the URL carries credentials/, 'refused_credentials'],
  [/^refused: .* did not resolve/, 'refused_unresolved'],
  [/^refused: .*not a valid URL/, 'refused_invalid_url'],
  [/^refused/, 'refused_address'],
  [/^page time budget exhausted/, 'budget_exhausted'],
  [/timed out/, 'timeout'],
  [/larger than \d+ bytes/, 'too_large'],
  [/^too many redirects/, 'too_many_redirects'],
  [/longer than \d+ characters/, 'url_too_long'],
  [/^HTTP 4\d\d$/, 'http_4xx'],
  [/^HTTP 5\d\d$/, 'http_5xx'],
  [/^HTTP \d+$/, 'http_other'],
  [/^DNS lookup failed/, 'dns'],
  [/^connection failed|^fetch failed/, 'connection'],
  [/not supported|unsupported content type/, 'unsupported_format'],
  [/not an image/, 'not_an_image'],
  [/cancelled/, 'cancelled'],
];

export function fetchReasonClass(reason: string): FetchReasonClass {
  return RULES.find(([re]) => re.test(reason))?.[1] ?? 'other';
}

/** One count per recorded outcome (a page counts as `page`; each of its images as its own outcome). */
export function countOutcome(metrics: Metrics, outcome: ItemOutcome): void {
  const reasonClass = outcome.state === 'refused' || outcome.state === 'failed' ? fetchReasonClass(outcome.reason) : 'none';
  metrics.fetchOutcomes.inc({ outcome: outcome.state, reason_class: reasonClass });
}
