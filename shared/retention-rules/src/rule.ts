import type { Queryable } from '@hotline/platform';

/**
 * One category of data and what happens to it when its time is up. `find` and `apply` share one SQL
 * condition, so the dry run (find) lists exactly what the real run (find, then apply in the same
 * transaction) changes, and `apply` re-checks it: an id that stopped qualifying in between is left alone.
 *
 * The seam for further categories (the chat intake's identity vault): a module exporting a rule,
 * added to the list the service and the CLI build (`retentionRules`). Rules never log or record
 * ids or content; the run records counts only.
 */
export interface RetentionRule {
  /** Stable, used as the key of the counts (`content_bytes`). */
  name: string;
  /** What happens to each selected row, for the dry run's listing. */
  action: string;
  /** Ids of the rows due at `now`, in a stable order, at most `limit` (all without). */
  find(db: Queryable, now: Date, limit?: number): Promise<string[]>;
  /** Applies the rule to those of `ids` still due at `now`; returns how many rows it changed. */
  apply(tx: Queryable, ids: string[], now: Date): Promise<number>;
}

const DAY_MS = 86_400_000;

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Calendar months in UTC (31 August minus 6 months overflows to 3 March: a few days' difference at most). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}
