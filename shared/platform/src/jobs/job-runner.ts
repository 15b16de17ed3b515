import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { z } from 'zod';
import { systemClock, type Clock } from '../clock';
import type { Db } from '../db/db';
import { describeError, isInfrastructureError, isRetriable } from '../errors';
import { JobMetrics } from './job-metrics';
import {
  claimJobs,
  DEFAULT_MAX_ATTEMPTS,
  hasPendingJob,
  markDone,
  markFailed,
  markPeriodCovered,
  markRetry,
  pruneDone,
  renewLeases,
  scheduleJob,
  type ClaimedJob,
} from './job-store';
import { Period, type Recurrence } from './recurrence';
import { Waker } from '../runtime/waker';

export interface Job<T> {
  id: string;
  name: string;
  key: string;
  payload: T;
  runAt: Date;
  /** 1 on the first run; a run after a retry or after a worker died counts up. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Runs at least once per job (a worker can die after the work and before recording it), so a handler
 * is idempotent, as bus consumers are. `signal` aborts when the process stops or the claim is lost.
 */
export type JobHandler<T> = (job: Job<T>, signal: AbortSignal) => Promise<void>;

export interface JobHandlerOptions<T> {
  /** Checks the payload before the handler runs; a payload that fails it fails the job at once. */
  payload?: z.ZodType<T>;
  /** Back-off after a failed attempt: retryBaseMs × 2^(attempt − 1), at most retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface RecurringOptions {
  /** Attempts per occurrence, retried with back-off within its period (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface JobRunnerOptions {
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** How often to look for due jobs (JOBS_POLL_MS). */
  pollMs: number;
  /** A claim lasts this long unless renewed; renewed every third of it while the handler runs (JOBS_LEASE_MS). */
  leaseMs: number;
  /** Handlers running at once in this process. */
  concurrency?: number;
  /** Names this runner's claims in `jobs.locked_by`; unique per runner by default. */
  workerId?: string;
  /** Where the metrics go; a fresh registry by default, the process's shared one once it exists. */
  registry?: Registry;
  /** How long stop() waits for handlers to notice their signal before it lets go of them. */
  stopGraceMs?: number;
}

interface Registration {
  handler: JobHandler<unknown>;
  schema?: z.ZodType<unknown>;
  retryBaseMs: number;
  retryMaxMs: number;
  period?: Period;
  maxAttempts?: number;
}

interface Active {
  job: ClaimedJob;
  abort: AbortController;
  done: Promise<void>;
}

const DEFAULT_RETRY_BASE_MS = 10_000;
const DEFAULT_RETRY_MAX_MS = 3_600_000;

/**
 * Durable timers on the `jobs` table, in the manner of the outbox relay: every process runs one;
 * each poll claims due jobs of the names registered here with FOR UPDATE SKIP LOCKED and a lease,
 * runs their handlers, and settles them (done, retried after a back-off, or failed with the reason).
 * A worker that dies leaves its lease to run out, after which any runner claims the job again.
 * Time comes from the clock, so tests move it instead of sleeping.
 */
export class JobRunner {
  readonly workerId: string;
  readonly metrics: JobMetrics;
  private readonly clock: Clock;
  private readonly handlers = new Map<string, Registration>();
  private readonly active = new Map<string, Active>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waker = new Waker();
  private renewTimer: NodeJS.Timeout | undefined;
  private recurringEnsured = false;
  private recurringEnsuredAt = 0;
  private claimFailures = 0;

  constructor(private readonly opts: JobRunnerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.metrics = new JobMetrics(opts.registry ?? new Registry(), opts.db, this.clock);
  }

  /** One handler per name; jobs of names no handler is registered for are left to processes that have one. */
  register<T>(name: string, handler: JobHandler<T>, opts: JobHandlerOptions<T> = {}): void {
    this.add(name, {
      handler: handler as JobHandler<unknown>,
      schema: opts.payload as z.ZodType<unknown> | undefined,
      retryBaseMs: opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
      retryMaxMs: opts.retryMaxMs ?? DEFAULT_RETRY_MAX_MS,
    });
  }

  /**
   * A job that runs once per period across all processes. Each occurrence is a row keyed by its
   * period; settling one for good (done, or failed after its attempts) schedules the next, in the
   * same transaction. At start-up, when none is waiting, the current period is scheduled: a period
   * missed while no process ran is run once, late (never once per missed period), and that late run
   * stands for the period it ran in.
   */
  recurring(name: string, recurrence: Recurrence, handler: JobHandler<Record<string, never>>, opts: RecurringOptions = {}): void {
    this.add(name, {
      handler: handler as JobHandler<unknown>,
      retryBaseMs: opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
      retryMaxMs: opts.retryMaxMs ?? DEFAULT_RETRY_MAX_MS,
      period: new Period(recurrence),
      maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    });
    this.recurringEnsured = false;
    this.kick();
  }

  private add(name: string, reg: Registration): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job '${name}' is already registered`);
    this.handlers.set(name, reg);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.renewTimer = setInterval(
      () => void this.renewLeases().catch((err) => this.opts.logger.warn({ reason: describeError(err) }, 'could not renew job leases; will try again')),
      Math.max(1, Math.floor(this.opts.leaseMs / 3)),
    );
    this.renewTimer.unref();
    this.loop = this.run();
  }

  /** Wakes the poll loop, e.g. right after a commit in this process scheduled a job that is due. */
  kick(): void {
    this.waker.wake();
  }

  /**
   * Stops claiming, aborts the handlers' signals and waits for them (at most stopGraceMs). A handler
   * that ends because of the stop gives its job back at once, without using up an attempt; one that
   * does not end in time keeps its claim until the lease runs out, and another process runs it again.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.renewTimer);
    this.kick();
    await this.loop;
    for (const a of this.active.values()) a.abort.abort(new Error('the process is stopping'));
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise((r) => (grace = setTimeout(r, this.opts.stopGraceMs ?? 5000)))]);
    clearTimeout(grace);
  }

  /** Claims the jobs that are due now (up to the free concurrency) and starts their handlers; returns how many. */
  async poll(): Promise<number> {
    // Once at start, then now and then as a safety net (an operator deleting a row): normally a
    // settle always leaves the next occurrence waiting, and this finds it and does nothing.
    if (!this.recurringEnsured || this.clock.nowMs() - this.recurringEnsuredAt >= this.opts.leaseMs) await this.ensureRecurring();
    const room = (this.opts.concurrency ?? 4) - this.active.size;
    if (room <= 0 || this.handlers.size === 0) return 0;
    const now = this.clock.nowMs();
    const claimed = await claimJobs(this.opts.db, {
      names: [...this.handlers.keys()],
      now: new Date(now),
      lockedUntil: new Date(now + this.opts.leaseMs),
      workerId: this.workerId,
      limit: room,
      exceptIds: [...this.active.keys()],
    });
    for (const job of claimed) {
      const abort = new AbortController();
      const entry: Active = { job, abort, done: Promise.resolve() };
      this.active.set(job.id, entry);
      entry.done = this.execute(job, abort.signal)
        .catch((err) =>
          this.opts.logger.error({ job: job.name, jobId: job.id, reason: describeError(err) }, 'job runner failed around a job; it runs again after its lease'),
        )
        .finally(() => {
          this.active.delete(job.id);
          this.kick();
        });
    }
    return claimed.length;
  }

  /** Resolves when every handler started so far has been settled. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** poll() and wait for what it started: for tests and one-off runs. */
  async runDue(): Promise<number> {
    const n = await this.poll();
    await this.idle();
    return n;
  }

  /** Extends the leases of running handlers (on a timer); a claim found lost aborts its handler. */
  async renewLeases(): Promise<void> {
    const ids = [...this.active.keys()];
    if (ids.length === 0) return;
    const held = new Set(await renewLeases(this.opts.db, this.workerId, ids, new Date(this.clock.nowMs() + this.opts.leaseMs)));
    for (const id of ids) {
      const a = this.active.get(id);
      if (!a || held.has(id) || a.abort.signal.aborted) continue;
      this.opts.logger.warn({ job: a.job.name, jobId: id }, 'job lease lost to another worker; aborting this run');
      a.abort.abort(new Error('the job lease was lost'));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs = this.opts.pollMs;
      try {
        await this.poll();
        this.claimFailures = 0;
      } catch (err) {
        // Database away: back off instead of logging every poll.
        waitMs = Math.min(this.opts.pollMs * 2 ** this.claimFailures, 30_000);
        if (this.claimFailures++ % 10 === 0) this.opts.logger.error({ reason: describeError(err) }, 'job runner could not claim jobs; will retry');
      }
      if (!this.running) break;
      await this.waker.sleep(waitMs);
    }
  }

  /** Every recurring name has an occurrence waiting (see recurring()). Idempotent across processes by period key. */
  private async ensureRecurring(): Promise<void> {
    const now = this.clock.nowMs();
    for (const [name, reg] of this.handlers) {
      const period = reg.period;
      if (!period) continue;
      await this.opts.db.transaction(async (tx) => {
        if (await hasPendingJob(tx, name)) return;
        const current = period.startOf(now);
        const outcome = await scheduleJob(tx, { name, key: period.key(current), runAt: new Date(current), maxAttempts: reg.maxAttempts });
        // This period already ran (or another process just scheduled it): the next one is due.
        if (outcome === 'exists') {
          const next = period.nextAfter(now);
          await scheduleJob(tx, { name, key: period.key(next), runAt: new Date(next), maxAttempts: reg.maxAttempts });
        }
      });
    }
    this.recurringEnsured = true;
    this.recurringEnsuredAt = now;
  }

  private async execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const reg = this.handlers.get(job.name)!;
    const log = { job: job.name, jobId: job.id, attempt: job.attempts };
    if (job.leaseExpired) {
      this.metrics.leaseExpired.inc({ name: job.name });
      this.opts.logger.warn(log, 'job lease ran out before the job was settled (its worker stopped); running it again');
      if (job.attempts > job.maxAttempts) {
        await this.settle(job, reg, { outcome: 'failed', reason: 'its worker stopped during the last attempt (lease ran out)' });
        return;
      }
    }
    let payload: unknown = job.payload;
    if (reg.schema) {
      const parsed = reg.schema.safeParse(job.payload);
      if (!parsed.success) {
        await this.settle(job, reg, {
          outcome: 'failed',
          reason: `payload refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        });
        return;
      }
      payload = parsed.data;
    }
    this.metrics.started.inc({ name: job.name });
    try {
      await reg.handler({ id: job.id, name: job.name, key: job.key, payload, runAt: job.runAt, attempt: job.attempts, maxAttempts: job.maxAttempts }, signal);
    } catch (err) {
      const reason = describeError(err);
      if (signal.aborted && !this.running) {
        // Interrupted by the stop: give it back for any process to run now, attempt not counted.
        await this.settle(job, reg, { outcome: 'retry', reason: `interrupted: ${reason}`, runAt: this.clock.nowMs(), refund: true });
      } else if (isInfrastructureError(err)) {
        // An outage is waited out, as bus consumers do: it does not use up attempts.
        await this.settle(job, reg, { outcome: 'retry', reason, runAt: this.clock.nowMs() + this.backoff(reg, job.attempts), refund: true });
      } else if (!isRetriable(err) || job.attempts >= job.maxAttempts) {
        await this.settle(job, reg, { outcome: 'failed', reason });
      } else {
        await this.settle(job, reg, { outcome: 'retry', reason, runAt: this.clock.nowMs() + this.backoff(reg, job.attempts), refund: false });
      }
      return;
    }
    await this.settle(job, reg, { outcome: 'done' });
  }

  private backoff(reg: Registration, attempt: number): number {
    return Math.min(reg.retryBaseMs * 2 ** Math.max(0, attempt - 1), reg.retryMaxMs);
  }

  private async settle(
    job: ClaimedJob,
    reg: Registration,
    result: { outcome: 'done' } | { outcome: 'failed'; reason: string } | { outcome: 'retry'; reason: string; runAt: number; refund: boolean },
  ): Promise<void> {
    const log = { job: job.name, jobId: job.id, attempt: job.attempts };
    let recorded: boolean;
    try {
      recorded = await this.withRetries(() =>
        this.opts.db.transaction(async (tx) => {
          const ok =
            result.outcome === 'done'
              ? await markDone(tx, job, this.workerId)
              : result.outcome === 'failed'
                ? await markFailed(tx, job, this.workerId, result.reason)
                : await markRetry(tx, job, this.workerId, new Date(result.runAt), result.reason, result.refund);
          // A recurring occurrence that is settled for good hands over to the next period, in the same transaction.
          if (ok && reg.period && result.outcome !== 'retry') {
            const now = this.clock.nowMs();
            const current = reg.period.startOf(now);
            if (current > job.runAt.getTime()) await markPeriodCovered(tx, job.name, reg.period.key(current), new Date(current), job.key);
            const next = reg.period.nextAfter(now);
            await scheduleJob(tx, { name: job.name, key: reg.period.key(next), runAt: new Date(next), maxAttempts: reg.maxAttempts });
            await pruneDone(tx, job.name, new Date(Math.max(current, job.runAt.getTime())));
          }
          return ok;
        }),
      );
    } catch (err) {
      // Left running: its lease runs out and the job is run again (at least once).
      this.opts.logger.error({ ...log, reason: describeError(err) }, 'could not record the outcome of a job; it will run again after its lease');
      return;
    }
    if (!recorded) {
      this.opts.logger.warn(log, 'job claim was lost before its outcome was recorded (lease ran out; another worker has it); outcome dropped');
      return;
    }
    if (result.outcome === 'done') {
      this.metrics.completed.inc({ name: job.name });
    } else if (result.outcome === 'failed') {
      this.metrics.failed.inc({ name: job.name });
      this.opts.logger.error({ ...log, reason: result.reason }, 'job failed for good');
    } else if (!result.refund) {
      this.metrics.retried.inc({ name: job.name });
      this.opts.logger.warn({ ...log, reason: result.reason, retryAt: new Date(result.runAt).toISOString() }, 'job attempt failed; will retry');
    }
  }

  /** The outcome of work done is worth a few tries through a short database hiccup. */
  private async withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let step = 0; ; step++) {
      try {
        return await fn();
      } catch (err) {
        if (!isInfrastructureError(err) || step >= 3) throw err;
        await new Promise((r) => setTimeout(r, Math.min(this.opts.pollMs * 2 ** step, 5000)));
      }
    }
  }
}
