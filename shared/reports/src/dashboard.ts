import type { Queryable } from '@hotline/platform';

export interface Dashboard {
  openByKind: { content: number; url: number; awaiting_second: number; disputed: number };
  decisionsToday: number;
  /** From a report's arrival to its items' final decisions, over the last 14 days. */
  reportToDecision: { medianSeconds: number | null; p90Seconds: number | null };
  perDay: Array<{ day: string; decisions: number }>;
  closedReportsToday: number;
}

/** The console's overview; `now` from the service clock, days in UTC. */
export async function readDashboard(db: Queryable, now: Date): Promise<Dashboard> {
  const today = now.toISOString().slice(0, 10);
  const open = await db.query<{ content: number; url: number; awaiting_second: number; disputed: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'content' AND status = 'pending')::int AS content,
            count(*) FILTER (WHERE kind = 'url' AND status = 'pending')::int AS url,
            count(*) FILTER (WHERE status = 'awaiting_second')::int AS awaiting_second,
            count(*) FILTER (WHERE status = 'disputed')::int AS disputed
       FROM review_items WHERE status <> 'decided'`,
  );
  const perDay = await db.query<{ day: string; n: number }>(
    `SELECT to_char(g.day, 'YYYY-MM-DD') AS day, count(d.id)::int AS n
       FROM generate_series($1::date - 13, $1::date, interval '1 day') g(day)
       LEFT JOIN review_decisions d ON d.created_at >= g.day AND d.created_at < g.day + interval '1 day'
      GROUP BY g.day ORDER BY g.day`,
    [today],
  );
  const latency = await db.query<{ median: number | null; p90: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90
       FROM (SELECT EXTRACT(EPOCH FROM (i.decided_at - p.received_at))::float8 AS secs
               FROM review_items i JOIN reports p ON p.id = i.report_id
              WHERE i.status = 'decided' AND i.decided_at >= $1::date - 13) x`,
    [today],
  );
  const closed = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE closed_at >= $1::date`, [today]);
  const days = perDay.rows.map((r) => ({ day: r.day, decisions: r.n }));
  const o = open.rows[0]!;
  const l = latency.rows[0];
  return {
    openByKind: { content: o.content, url: o.url, awaiting_second: o.awaiting_second, disputed: o.disputed },
    decisionsToday: days.find((d) => d.day === today)?.decisions ?? 0,
    reportToDecision: {
      medianSeconds: l?.median === null || l?.median === undefined ? null : Math.round(Number(l.median)),
      p90Seconds: l?.p90 === null || l?.p90 === undefined ? null : Math.round(Number(l.p90)),
    },
    perDay: days,
    closedReportsToday: closed.rows[0]?.n ?? 0,
  };
}
