import { Counter, Gauge, Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { withTimeout } from '../with-timeout';
import { dueBacklog } from './job-store';

/**
 * The runner's Prometheus metrics, in the registry it is given (the process's shared one once the
 * HTTP app exposes /metrics). Labelled by job name only: keys and payloads never become labels.
 */
export class JobMetrics {
  readonly started: Counter<'name'>;
  readonly completed: Counter<'name'>;
  readonly retried: Counter<'name'>;
  readonly failed: Counter<'name'>;
  readonly leaseExpired: Counter<'name'>;

  constructor(registry: Registry, db: Db, clock: Clock) {
    const registers = [registry];
    this.started = new Counter({
      name: 'hotline_jobs_started_total',
      help: 'Job attempts started (claimed and handed to a handler)',
      labelNames: ['name'],
      registers,
    });
    this.completed = new Counter({ name: 'hotline_jobs_completed_total', help: 'Jobs whose handler succeeded', labelNames: ['name'], registers });
    this.retried = new Counter({
      name: 'hotline_jobs_retried_total',
      help: 'Failed attempts scheduled again after a back-off',
      labelNames: ['name'],
      registers,
    });
    this.failed = new Counter({
      name: 'hotline_jobs_failed_total',
      help: 'Jobs given up on (attempts exhausted or a non-retriable error)',
      labelNames: ['name'],
      registers,
    });
    this.leaseExpired = new Counter({
      name: 'hotline_jobs_lease_expired_total',
      help: 'Jobs claimed again because their worker stopped before settling them',
      labelNames: ['name'],
      registers,
    });
    new Gauge({
      name: 'hotline_jobs_due',
      help: 'Jobs due now and not running (the backlog), read from the database at scrape time',
      labelNames: ['name'],
      registers,
      async collect() {
        // Bounded like the outbox gauges: while connecting times out, a scrape must still answer in time.
        const rows = await withTimeout(dueBacklog(db, clock.now()), 1000, 'jobs backlog gauge').catch(() => undefined);
        if (!rows) return; // database away: keep the last values rather than fail the scrape
        this.reset();
        for (const r of rows) this.set({ name: r.name }, r.n);
      },
    });
  }
}
