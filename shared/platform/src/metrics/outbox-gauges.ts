import type { Db } from '../db/db';
import { withTimeout } from '../with-timeout';
import type { Metrics } from './metrics';

/** A scrape must answer even while the database is away; the gauges then read NaN rather than a stale number. */
const SCRAPE_QUERY_TIMEOUT_MS = 1000;

/** The outbox backlog and its oldest row's age, with one query. */
export async function scrapeOutbox(metrics: Pick<Metrics, 'outboxBacklog' | 'outboxOldestAge'>, db: Db): Promise<void> {
  try {
    const r = await withTimeout(
      db.query<{ n: number; age: number }>('SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM outbox'),
      SCRAPE_QUERY_TIMEOUT_MS,
      'outbox scrape',
    );
    metrics.outboxBacklog.set(Number(r.rows[0]?.n ?? 0));
    metrics.outboxOldestAge.set(Math.max(0, Number(r.rows[0]?.age ?? 0)));
  } catch {
    metrics.outboxBacklog.set(NaN);
    metrics.outboxOldestAge.set(NaN);
  }
}
