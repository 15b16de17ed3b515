import type { Queryable } from '../db/db';

/**
 * SQL of the `jobs` table. Every time that decides something (due, lease ended) comes from the
 * caller's clock as a parameter, never from SQL now(), so a test's ManualClock moves the database's
 * view of time too. A claim is fenced by (locked_by, attempts): a worker whose lease ended and was
 * taken over cannot settle the job any more.
 */

export type JobState = 'scheduled' | 'running' | 'done' | 'failed';

export interface ScheduleJob {
  name: string;
  /** Names one occurrence of the job: a lease id, a notice number, a period ('2026-11-30'). */
  key: string;
  runAt: Date;
  /** A JSON object; a handler's zod schema checks it when the job runs. */
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  /** When the key exists and its job has not started yet, move it to this runAt and payload. */
  replace?: boolean;
}

/** `exists`: the key was scheduled before (in any state) and was left as it is. */
export type ScheduleOutcome = 'scheduled' | 'replaced' | 'exists';

export const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_ERROR_LENGTH = 2000;

/**
 * Schedules a job in the caller's transaction, so a state change and its timer commit together.
 * Idempotent by (name, key): the first schedule wins; `replace` moves a job that is still waiting.
 */
export async function scheduleJob(q: Queryable, job: ScheduleJob): Promise<ScheduleOutcome> {
  const payload = JSON.stringify(job.payload ?? {});
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const inserted = await q.query(
    `INSERT INTO jobs (name, key, payload, run_at, max_attempts) VALUES ($1, $2, $3::jsonb, $4, $5)
      ON CONFLICT (name, key) DO NOTHING RETURNING id`,
    [job.name, job.key, payload, job.runAt, maxAttempts],
  );
  if (inserted.rows.length > 0) return 'scheduled';
  if (!job.replace) return 'exists';
  // A claim of the same row serialises with this update; if it won, the job is no longer waiting.
  const moved = await q.query(
    `UPDATE jobs SET run_at = $3, payload = $4::jsonb, max_attempts = $5, updated_at = now()
      WHERE name = $1 AND key = $2 AND state = 'scheduled' RETURNING id`,
    [job.name, job.key, job.runAt, payload, maxAttempts],
  );
  return moved.rows.length > 0 ? 'replaced' : 'exists';
}

/** Removes a job that has not started yet (a lease released early, a notice withdrawn). */
export async function cancelJob(q: Queryable, name: string, key: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM jobs WHERE name = $1 AND key = $2 AND state = 'scheduled' RETURNING id`, [name, key]);
  return r.rows.length > 0;
}

export interface JobRow {
  id: string;
  name: string;
  key: string;
  payload: unknown;
  state: JobState;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
}

export async function findJob(q: Queryable, name: string, key: string): Promise<JobRow | undefined> {
  const r = await q.query<RawJob>(`SELECT ${COLUMNS} FROM jobs WHERE name = $1 AND key = $2`, [name, key]);
  return r.rows[0] && toJob(r.rows[0]);
}

export interface ClaimedJob extends JobRow {
  /** The job was running under another claim whose lease ended: its worker stopped mid-run. */
  leaseExpired: boolean;
}

/** Claims due jobs of the given names: scheduled ones whose run_at has come, running ones whose lease ended. */
export async function claimJobs(
  q: Queryable,
  opts: { names: string[]; now: Date; lockedUntil: Date; workerId: string; limit: number; exceptIds: string[] },
): Promise<ClaimedJob[]> {
  const r = await q.query<RawJob & { was: JobState }>(
    `WITH due AS (
       SELECT id, state AS was FROM jobs
        WHERE name = ANY($1::text[]) AND NOT (id = ANY($6::bigint[]))
          AND ((state = 'scheduled' AND run_at <= $2) OR (state = 'running' AND locked_until <= $2))
        ORDER BY run_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
     UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, locked_by = $3, locked_until = $4, updated_at = now()
       FROM due WHERE j.id = due.id
     RETURNING ${COLUMNS.split(', ')
       .map((c) => `j.${c}`)
       .join(', ')}, due.was`,
    [opts.names, opts.now, opts.workerId, opts.lockedUntil, opts.limit, opts.exceptIds],
  );
  return r.rows.map((row) => ({ ...toJob(row), leaseExpired: row.was === 'running' }));
}

/** Extends the leases of jobs this worker still holds; returns the ids it still holds. */
export async function renewLeases(q: Queryable, workerId: string, ids: string[], lockedUntil: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await q.query<{ id: string | number }>(
    `UPDATE jobs SET locked_until = $3 WHERE id = ANY($2::bigint[]) AND locked_by = $1 AND state = 'running' RETURNING id`,
    [workerId, ids, lockedUntil],
  );
  return r.rows.map((x) => String(x.id));
}

type Fence = Pick<JobRow, 'id' | 'attempts'>;
const FENCE = `id = $1 AND attempts = $2 AND locked_by = $3 AND state = 'running'`;

/** False when the claim was lost (lease ended and another worker took the job): nothing is changed. */
export async function markDone(q: Queryable, job: Fence, workerId: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE jobs SET state = 'done', last_error = NULL, locked_by = NULL, locked_until = NULL, updated_at = now() WHERE ${FENCE} RETURNING id`,
    [job.id, job.attempts, workerId],
  );
  return r.rows.length > 0;
}

/** Back to `scheduled` at `runAt`; `refundAttempt` when the attempt should not count (an outage, a stop). */
export async function markRetry(q: Queryable, job: Fence, workerId: string, runAt: Date, reason: string, refundAttempt: boolean): Promise<boolean> {
  const r = await q.query(
    `UPDATE jobs SET state = 'scheduled', run_at = $4, last_error = $5, attempts = attempts - $6::int,
            locked_by = NULL, locked_until = NULL, updated_at = now() WHERE ${FENCE} RETURNING id`,
    [job.id, job.attempts, workerId, runAt, reason.slice(0, MAX_ERROR_LENGTH), refundAttempt ? 1 : 0],
  );
  return r.rows.length > 0;
}

export async function markFailed(q: Queryable, job: Fence, workerId: string, reason: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE jobs SET state = 'failed', last_error = $4, locked_by = NULL, locked_until = NULL, updated_at = now() WHERE ${FENCE} RETURNING id`,
    [job.id, job.attempts, workerId, reason.slice(0, MAX_ERROR_LENGTH)],
  );
  return r.rows.length > 0;
}

export async function hasPendingJob(q: Queryable, name: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM jobs WHERE name = $1 AND state IN ('scheduled', 'running') LIMIT 1`, [name]);
  return r.rows.length > 0;
}

/**
 * A recurring occurrence that ran late, in a later period, stands for that period too: this row
 * says so, so that start-up (which schedules the current period when nothing waits) does not run
 * the period a second time.
 */
export async function markPeriodCovered(q: Queryable, name: string, key: string, periodStart: Date, coveredBy: string): Promise<void> {
  await q.query(`INSERT INTO jobs (name, key, payload, state, run_at) VALUES ($1, $2, $3::jsonb, 'done', $4) ON CONFLICT (name, key) DO NOTHING`, [
    name,
    key,
    JSON.stringify({ coveredBy }),
    periodStart,
  ]);
}

/** Done occurrences of a recurring job older than the one just settled: only the latest is needed to keep its period from running twice. */
export async function pruneDone(q: Queryable, name: string, before: Date): Promise<void> {
  await q.query(`DELETE FROM jobs WHERE name = $1 AND state = 'done' AND run_at < $2`, [name, before]);
}

/** Jobs that are due now and not yet claimed (or whose lease ended), per name. */
export async function dueBacklog(q: Queryable, now: Date): Promise<Array<{ name: string; n: number }>> {
  const r = await q.query<{ name: string; n: number }>(
    `SELECT name, count(*)::int AS n FROM jobs
      WHERE (state = 'scheduled' AND run_at <= $1) OR (state = 'running' AND locked_until <= $1) GROUP BY name`,
    [now],
  );
  return r.rows;
}

const COLUMNS = 'id, name, key, payload, state, run_at, attempts, max_attempts, last_error, locked_by, locked_until';

interface RawJob {
  id: string | number;
  name: string;
  key: string;
  payload: unknown;
  state: JobState;
  run_at: Date | string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | string | null;
}

/** node-postgres and PGlite differ in int8 and jsonb types: one shape for both. */
function toJob(r: RawJob): JobRow {
  return {
    id: String(r.id),
    name: r.name,
    key: r.key,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    state: r.state,
    runAt: new Date(r.run_at),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    lastError: r.last_error,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until === null ? null : new Date(r.locked_until),
  };
}
