import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '@hotline/platform';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const query = z.object({ from: day.optional(), to: day.optional() });

function utcDay(s: string): Date {
  const d = new Date(`${s}T00:00:00Z`);
  // 2026-02-31 parses to March: refuse rather than shift the window.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) throw new ValidationError(`${s} is not a calendar date.`);
  return d;
}

/**
 * The statistics window of `?from=YYYY-MM-DD&to=YYYY-MM-DD`, UTC days, both included: [from 00:00, the day after
 * `to` 00:00). Without them, the last 30 days up to and including today.
 */
export function statisticsWindow(req: Request, now: Date): { from: Date; to: Date; now: Date } {
  const q = query.safeParse(req.query);
  if (!q.success) throw new ValidationError('from and to are dates as YYYY-MM-DD.');
  const today = utcDay(now.toISOString().slice(0, 10));
  const to = q.data.to ? new Date(utcDay(q.data.to).getTime() + DAY_MS) : new Date(today.getTime() + DAY_MS);
  const from = q.data.from ? utcDay(q.data.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from >= to) throw new ValidationError('from must not be after to.');
  return { from, to, now };
}
