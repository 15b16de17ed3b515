import { type HotlineError } from '@hotline/platform';
import { IMAGE_FORMAT_LABELS } from '@hotline/hashing';
import { TooManyLookupsError } from './errors';
import { STRINGS, type Lang } from './i18n';
import { STATUS_STRINGS } from './status-i18n';
import type { Problem } from './report-input';

export interface LocalizedError {
  message: string;
  details?: Array<{ field: string; line?: number; code: string; problem: string }>;
}

/**
 * What the reporter reads: the error's code rendered in their language. The English message the
 * error was created with stays for logs and for 4xx codes this table does not know (an unknown 5xx
 * gets the generic internal-error text).
 */
export function localizeError(err: HotlineError, lang: Lang, opts: { form: boolean; uploadsEnabled: boolean }): LocalizedError {
  const t = STRINGS[lang].errors;
  switch (err.code) {
    case 'invalid_request': {
      if (!Array.isArray(err.details)) return { message: err.message };
      const details = (err.details as Problem[]).map((p) => {
        const text = t.problems[p.code]({ field: p.field, max: p.max, uploads: opts.uploadsEnabled });
        const problem = p.line === undefined ? capitalize(text) : `${t.where(p.line, opts.form)}${text}`;
        return { field: p.field, ...(p.line === undefined ? {} : { line: p.line }), code: p.code, problem };
      });
      return { message: `${t.invalidReport} ${details.map((d) => d.problem).join(' ')}`, details };
    }
    case 'invalid_json':
      return { message: t.invalidJson };
    case 'payload_too_large':
      return { message: t.tooLarge };
    case 'upload_too_large':
      return { message: t.uploadTooLarge };
    case 'upload_refused':
      return { message: t.uploadRefused };
    case 'unsupported_media': {
      const d = err.details as { kind?: string; file?: number; format?: string } | undefined;
      if (d?.kind === 'content_type') return { message: t.unsupportedBody };
      return { message: t.unsupportedImage(d?.file ?? 1, d?.format, IMAGE_FORMAT_LABELS.join(', ')) };
    }
    case 'uploads_disabled':
      return { message: t.uploadsDisabled };
    case 'malformed_body':
      return { message: t.malformedBody };
    case 'cross_site':
      return { message: t.crossSite };
    case 'busy':
      return { message: t.busy };
    case 'body_timeout':
      return { message: t.bodyTimeout };
    case 'rate_limited':
      return { message: err instanceof TooManyLookupsError ? STATUS_STRINGS[lang].rateLimited : t.rateLimited };
    case 'status_not_found':
      return { message: STATUS_STRINGS[lang].notFound };
    case 'not_found':
      return { message: t.notFound };
    case 'internal_error':
    case 'infrastructure_unavailable':
      return { message: t.internal };
    default:
      // A 5xx's message is ours, not the reporter's business (it may name internals): say something went wrong.
      return { message: err.status >= 500 ? t.internal : err.message };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
