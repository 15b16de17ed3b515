import type { Logger } from 'pino';
import { ADVISORY_LOCKS } from '../db/advisory-locks';
import type { Db } from '../db/db';
import { describeError } from '../errors';
import type { JobRunner } from '../jobs/job-runner';
import { resendStuckItems, type SweepCounts } from './stuck-items';

/** Transaction-scoped, so a crashed sweeper never holds it. */
export const SWEEP_LOCK = ADVISORY_LOCKS.sweep;

export interface SweeperOptions {
  db: Db;
  logger: Logger;
  /** The period of the recurring sweep job. */
  intervalMs: number;
  stuckAfterMs: number;
  /** Called after events were re-sent, to wake the outbox relay. */
  onResent(): void;
  batchSize?: number;
  /** Matches carried by a re-sent content.matched (MATCH_MAX_PER_EVENT). */
  matchesPerEvent?: number;
}

/** The sweep's recurring job (the `jobs` table): one sweep per SWEEP_INTERVAL_MS across all processes. */
export const SWEEP_JOB = 'sweep-stuck-items';

/**
 * Re-sends the event of items stuck in a non-final state (an event lost to an outage, a dead letter
 * nobody replayed, a crash between steps). Every process registers the recurring job; whichever
 * claims a period's occurrence sweeps. The advisory lock still keeps a direct sweepOnce() (tests, an
 * operator) from overlapping the job's.
 */
export class Sweeper {
  private running: Promise<unknown> | undefined;

  constructor(private readonly opts: SweeperOptions) {}

  /** Registers the sweep as a recurring job; a failed sweep is logged and the next period tries again. */
  scheduleOn(jobs: JobRunner): void {
    jobs.recurring(SWEEP_JOB, { everyMs: this.opts.intervalMs }, async () => void (await this.sweepOnce()), { maxAttempts: 1 });
  }

  /** Returns what was re-sent, or undefined when another process holds the sweep or the database is away. */
  sweepOnce(): Promise<SweepCounts | undefined> {
    if (this.running) return this.running as Promise<SweepCounts | undefined>;
    const run = this.sweep()
      .catch((err) => {
        this.opts.logger.warn({ reason: describeError(err) }, 'sweep failed; will try at the next interval');
        return undefined;
      })
      .finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private async sweep(): Promise<SweepCounts | undefined> {
    const counts = await this.opts.db.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SWEEP_LOCK]);
      if (!lock.rows[0]?.ok) return undefined;
      return resendStuckItems(tx, this.opts.stuckAfterMs, this.opts.batchSize ?? 500, this.opts.matchesPerEvent ?? 50);
    });
    if (!counts) return undefined;
    const { skippedNoVariants, ...resent } = counts;
    if (skippedNoVariants.length > 0) {
      this.opts.logger.warn(
        { count: skippedNoVariants.length, contentIds: skippedNoVariants.slice(0, 20) },
        'stuck hashed contents without stored PDQ variants (hashed before migration 0003) were skipped',
      );
    }
    if (Object.values(resent).some((n) => n > 0)) {
      this.opts.logger.info(resent, 're-sent events of stuck items');
      this.opts.onResent();
    }
    return counts;
  }
}
