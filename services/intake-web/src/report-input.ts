import { z } from 'zod';
import { ValidationError } from '@hotline/shared';

export const MAX_URLS = 50;
export const MAX_DESCRIPTION = 2000;
export const MAX_URL_LENGTH = 2048;

const reportedUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `a URL may be at most ${MAX_URL_LENGTH} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL');

export const reportInput = z.object({
  urls: z.array(reportedUrl).max(MAX_URLS, `at most ${MAX_URLS} URLs per report`),
  description: z.string().max(MAX_DESCRIPTION, `the description may be at most ${MAX_DESCRIPTION} characters`).optional(),
});

export type ReportInput = z.infer<typeof reportInput>;

/**
 * Validates a report from either the JSON API or the form. A report needs at least one URL; a form
 * report may instead carry only uploaded images (`uploads` > 0).
 */
export function parseReportInput(raw: unknown, uploads: number): ReportInput {
  const r = reportInput.safeParse(raw);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ field: i.path.join('.') || 'body', problem: i.message }));
    throw new ValidationError(`The report is not valid: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, details);
  }
  if (r.data.urls.length === 0 && uploads === 0) {
    throw new ValidationError('The report is not valid: give at least one URL (or, in the form, an image).', [
      { field: 'urls', problem: 'at least one URL is required' },
    ]);
  }
  const description = r.data.description?.trim();
  return { urls: [...new Set(r.data.urls)], description: description ? description : undefined };
}

/** The form sends URLs as one text area: one per line (spaces and commas also separate them). */
export function splitUrlField(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : '';
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
