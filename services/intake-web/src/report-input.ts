import { z } from 'zod';
import { ValidationError } from '@hotline/platform';
import type { ProblemCode } from './i18n';

export const MAX_URLS = 50;
export const MAX_DESCRIPTION = 2000;
export const MAX_URL_LENGTH = 2048;

/** One problem of an invalid report: rendered in the reporter's language from its code (error-messages.ts). */
export interface Problem {
  field: string;
  /** 1-based: the line of the form's text area, or the position in the API's `urls`. */
  line?: number;
  code: ProblemCode;
  max?: number;
}

export interface ReportInput {
  urls: string[];
  description?: string;
}

/** A reported address as typed, with the line it came from. */
export interface UrlEntry {
  value: string;
  line: number;
}

/** The JSON API's shape; unknown fields are refused so a typo (`url`, `desc`) is not silently dropped. */
const apiBody = z.strictObject({ urls: z.array(z.string()), description: z.string().optional() });

/** `javascript:x`, `ftp://x` have a scheme; `example.org:8080/x` is a host and port. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HOST_PORT = /^[^:/?#]+:\d+(?:[/?#]|$)/;

/**
 * People paste addresses the way browsers show them (`www.example.org/x`): without a scheme an
 * address is taken as https. Anything with another scheme is refused.
 */
export function normalizeUrl(input: string): { url: string } | { problem: ProblemCode } {
  const s = input.trim();
  if (s.length > MAX_URL_LENGTH) return { problem: 'url_too_long' };
  const schemeLess = !SCHEME.test(s) || HOST_PORT.test(s);
  const candidate = s.startsWith('//') ? `https:${s}` : schemeLess ? `https://${s}` : s;
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return { problem: 'url_invalid' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { problem: 'url_not_web' };
  // Without a scheme a single word ("hello") is not meant as an address.
  if (!u.hostname || (schemeLess && !/[.:]/.test(u.hostname))) return { problem: 'url_invalid' };
  // The limit is on what is stored and sent (url.reported refuses longer), so after https:// is added.
  if (candidate.length > MAX_URL_LENGTH) return { problem: 'url_too_long' };
  return { url: candidate };
}

/**
 * Validates a report from the JSON API (`raw` as parsed) or a form (`urls` as entries with their
 * lines). Every problem is collected, so the reporter can fix them all at once.
 */
export function parseReportInput(
  raw: { urls: UrlEntry[]; description?: unknown } | { json: unknown },
  opts: { uploads: number; uploadsEnabled: boolean },
): ReportInput {
  const problems: Problem[] = [];
  let entries: UrlEntry[];
  let description: unknown;
  if ('json' in raw) {
    const r = apiBody.safeParse(raw.json);
    if (!r.success) {
      for (const issue of r.error.issues) {
        if (issue.code === 'unrecognized_keys') problems.push(...issue.keys.map((k) => ({ field: k, code: 'unknown_field' as const })));
        else problems.push({ field: String(issue.path[0] ?? 'body'), code: 'wrong_type' });
      }
      throw invalid(problems);
    }
    entries = r.data.urls.map((value, i) => ({ value, line: i + 1 }));
    description = r.data.description;
  } else {
    entries = raw.urls;
    description = raw.description;
  }

  const urls: string[] = [];
  if (entries.length > MAX_URLS) problems.push({ field: 'urls', code: 'too_many_urls', max: MAX_URLS });
  else
    for (const { value, line } of entries) {
      const n = normalizeUrl(value);
      if ('url' in n) urls.push(n.url);
      else problems.push({ field: 'urls', line, code: n.problem, ...(n.problem === 'url_too_long' ? { max: MAX_URL_LENGTH } : {}) });
    }
  if (entries.length === 0 && opts.uploads === 0) problems.push({ field: 'urls', code: 'urls_required' });
  const text = typeof description === 'string' ? description.trim() : undefined;
  if (text && text.length > MAX_DESCRIPTION) problems.push({ field: 'description', code: 'too_long', max: MAX_DESCRIPTION });
  if (problems.length > 0) throw invalid(problems);
  return { urls: [...new Set(urls)], description: text ? text : undefined };
}

function invalid(problems: Problem[]): ValidationError {
  return new ValidationError(`The report is not valid: ${problems.map((p) => `${p.field}${p.line ? ` ${p.line}` : ''}: ${p.code}`).join('; ')}.`, problems);
}

/** The form sends addresses as one text area, one per line; blank lines are skipped but keep their numbers. */
export function splitUrlField(value: unknown): UrlEntry[] {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('\n') : typeof value === 'string' ? value : '';
  return text
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ value: line.trim(), line: i + 1 }))
    .filter((e) => e.value.length > 0);
}
