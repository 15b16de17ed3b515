import { ValidationError, type Queryable } from '@hotline/platform';
import type { DayFigures, KeyedRemovalFigures, RemovalFigures, TakedownStatistics } from './statistics-types';

export type { DayFigures, KeyedRemovalFigures, ProviderNoticeFigures, RemovalFigures, TakedownStatistics } from './statistics-types';

// Removal statistics over takedown cases: counts and durations only, never a URL, host or contact.

/** INHOPE's yardstick: content removed within three days of its first report. */
export const THREE_DAYS_SECONDS = 72 * 3600;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

interface FigureRow {
  gc: number;
  gp: number;
  country: string | null;
  provider: string | null;
  cases: number;
  removed: number;
  median: number | string | null;
  p90: number | string | null;
  within: number;
  eligible: number;
}

const seconds = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

function figures(r: FigureRow): RemovalFigures {
  return {
    cases: r.cases,
    removed: r.removed,
    open: r.cases - r.removed,
    medianSeconds: seconds(r.median),
    p90Seconds: seconds(r.p90),
    removedWithin3Days: r.within,
    eligible3Days: r.eligible,
    shareWithin3Days: r.eligible === 0 ? null : r.within / r.eligible,
  };
}

const EMPTY: RemovalFigures = {
  cases: 0,
  removed: 0,
  open: 0,
  medianSeconds: null,
  p90Seconds: null,
  removedWithin3Days: 0,
  eligible3Days: 0,
  shareWithin3Days: null,
};

// The cases in scope: confirmed in [from, to) by an analyst's decision or an automatic list match, not cancelled.
const SCOPE = `SELECT id, state, first_reported_at, removed_at, first_notice_at,
       COALESCE(country, 'unknown') AS country, COALESCE(provider_name, 'unknown') AS provider,
       CASE WHEN state = 'removed' THEN EXTRACT(EPOCH FROM (removed_at - first_reported_at))::float8 END AS secs
  FROM takedown_cases
 WHERE confirmed_at >= $1 AND confirmed_at < $2 AND state <> 'cancelled' AND origin IN ('decision', 'auto_list')`;

/**
 * Removal statistics of the cases confirmed in [from, to) (origin `decision` or `auto_list`; cancelled cases left
 * out), overall, per hosting country and per provider (`provider_name`, else `unknown`; a missing country is
 * `unknown` too):
 * - time to removal = `removed_at − first_reported_at`, median and p90 (`percentile_cont`, interpolated) over the
 *   removed cases;
 * - the share removed within 3 days, as INHOPE counts it: cases removed at most 72 h after their first report,
 *   divided by the cases that had their 72 h — first reported at least 72 h before `now`, or removed already (a case
 *   removed early counts at once; a younger case still open is left out rather than counted as a failure);
 * - per provider, the notices sent (notice items in state `sent` of the provider's cases in scope) and the response
 *   time = `removed_at − first notice` (the case's `first_notice_at`, else its earliest sent notice), median and
 *   p90 over removed cases removed at or after their first notice;
 * - per UTC day of [from, to): cases confirmed that day and cases removed that day (removals of any in-scope-origin,
 *   not cancelled case, whenever it was confirmed).
 */
export async function takedownStatistics(db: Queryable, w: { from: Date; to: Date; now: Date }): Promise<TakedownStatistics> {
  if (!(w.to.getTime() > w.from.getTime())) throw new ValidationError('The statistics window must end after it starts.');
  if (w.to.getTime() - w.from.getTime() > MAX_DAYS * DAY_MS) throw new ValidationError(`The statistics window may span at most ${MAX_DAYS} days.`);
  const grouped = await db.query<FigureRow>(
    `SELECT GROUPING(country)::int AS gc, GROUPING(provider)::int AS gp, country, provider,
            count(*)::int AS cases,
            count(*) FILTER (WHERE state = 'removed')::int AS removed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90,
            count(*) FILTER (WHERE secs <= ${THREE_DAYS_SECONDS})::int AS within,
            count(*) FILTER (WHERE state = 'removed' OR first_reported_at <= $3::timestamptz - interval '72 hours')::int AS eligible
       FROM (${SCOPE}) c
      GROUP BY GROUPING SETS ((), (country), (provider))`,
    [w.from, w.to, w.now],
  );
  const notices = await db.query<{ provider: string; sent: number; responded: number; median: number | string | null; p90: number | string | null }>(
    `WITH c AS (${SCOPE}),
          sent AS (SELECT i.case_id, count(*)::int AS n, min(n.sent_at) AS first_sent
                     FROM takedown_notice_items i JOIN c ON c.id = i.case_id LEFT JOIN takedown_notices n ON n.id = i.notice_id
                    WHERE i.state = 'sent' GROUP BY i.case_id),
          r AS (SELECT c.provider, COALESCE(s.n, 0) AS n,
                       CASE WHEN c.state = 'removed' AND c.removed_at >= COALESCE(c.first_notice_at, s.first_sent)
                            THEN EXTRACT(EPOCH FROM (c.removed_at - COALESCE(c.first_notice_at, s.first_sent)))::float8 END AS resp
                  FROM c LEFT JOIN sent s ON s.case_id = c.id)
     SELECT provider, sum(n)::int AS sent, count(resp)::int AS responded,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY resp) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY resp) AS p90
       FROM r GROUP BY provider ORDER BY provider`,
    [w.from, w.to],
  );
  // Days in UTC whatever the session's time zone: grouped by the UTC date text, filled in here.
  const daily = await db.query<{ day: string; confirmed: number; removed: number }>(
    `SELECT day, sum(confirmed)::int AS confirmed, sum(removed)::int AS removed FROM (
       SELECT to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, 1 AS confirmed, 0 AS removed
         FROM takedown_cases WHERE confirmed_at >= $1 AND confirmed_at < $2 AND state <> 'cancelled' AND origin IN ('decision', 'auto_list')
       UNION ALL
       SELECT to_char(removed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 0, 1
         FROM takedown_cases WHERE removed_at >= $1 AND removed_at < $2 AND state = 'removed' AND origin IN ('decision', 'auto_list')
     ) d GROUP BY day`,
    [w.from, w.to],
  );
  const byDay = new Map(daily.rows.map((d) => [d.day, d]));
  const perDay: DayFigures[] = [];
  for (let t = Date.UTC(w.from.getUTCFullYear(), w.from.getUTCMonth(), w.from.getUTCDate()); t < w.to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    perDay.push({ day, confirmed: byDay.get(day)?.confirmed ?? 0, removed: byDay.get(day)?.removed ?? 0 });
  }
  const overall = grouped.rows.find((r) => r.gc === 1 && r.gp === 1);
  const keyed = (rows: FigureRow[], key: (r: FigureRow) => string): KeyedRemovalFigures[] =>
    rows.map((r) => ({ key: key(r), ...figures(r) })).sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key));
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    now: w.now.toISOString(),
    overall: overall ? figures(overall) : EMPTY,
    byCountry: keyed(
      grouped.rows.filter((r) => r.gc === 0),
      (r) => r.country ?? 'unknown',
    ),
    byProvider: keyed(
      grouped.rows.filter((r) => r.gp === 0),
      (r) => r.provider ?? 'unknown',
    ),
    noticesByProvider: notices.rows.map((n) => ({
      provider: n.provider,
      noticesSent: n.sent,
      responded: n.responded,
      responseMedianSeconds: seconds(n.median),
      responseP90Seconds: seconds(n.p90),
    })),
    perDay,
  };
}
