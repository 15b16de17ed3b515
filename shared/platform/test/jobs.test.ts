import { Registry } from 'prom-client';
import { z } from 'zod';
import { cancelJob, findJob, InfrastructureError, JobRunner, ManualClock, PgDb, scheduleJob, ValidationError, type Db, type JobRunnerOptions } from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';
import { LogCapture } from '../../../test/support/pipeline';

const T0 = Date.parse('2026-11-30T10:00:00Z');
const LEASE_MS = 60_000;

/** Runners in these tests are driven by hand (poll / runDue) on a ManualClock: no loop, no sleeping. */
function makeRunner(db: Db, clock: ManualClock, logs: LogCapture, extra: Partial<JobRunnerOptions> = {}): JobRunner {
  return new JobRunner({ db, logger: logs.logger, clock, pollMs: 50, leaseMs: LEASE_MS, ...extra });
}

async function metric(registry: Registry, name: string, job: string): Promise<number> {
  const m = registry.getSingleMetric(name);
  const values = (await m!.get()).values;
  return values.find((v) => v.labels.name === job)?.value ?? 0;
}

describe.each([
  ['PostgreSQL', () => createPgTestDb('jobs')],
  ['PGlite', () => createPgliteTestDb()],
])('durable timers on %s', (_name, makeDb) => {
  let t: TestDb;
  let logs: LogCapture;
  let clock: ManualClock;

  beforeEach(async () => {
    t = await makeDb();
    logs = new LogCapture('debug');
    clock = new ManualClock(T0);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 6: a job scheduled in the past runs once; a job in the future waits for the clock', async () => {
    const runner = makeRunner(t.db, clock, logs);
    const runs: string[] = [];
    runner.register<{ n: number }>('note', async (job) => void runs.push(`${job.key}:${job.payload.n}:${job.attempt}`));
    await scheduleJob(t.db, { name: 'note', key: 'past', runAt: new Date(T0 - 3_600_000), payload: { n: 1 } });
    await scheduleJob(t.db, { name: 'note', key: 'future', runAt: new Date(T0 + 60_000), payload: { n: 2 } });

    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    expect(runs).toEqual(['past:1:1']);

    clock.advance(59_999);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(runs).toEqual(['past:1:1', 'future:2:1']);
    expect(await findJob(t.db, 'note', 'future')).toMatchObject({ state: 'done', attempts: 1, lockedBy: null, lockedUntil: null });
  });

  it('item 6: scheduling the same key twice is a no-op, replace moves a job not yet started, and a rolled-back transaction schedules nothing', async () => {
    const runner = makeRunner(t.db, clock, logs);
    const runs: string[] = [];
    runner.register<{ v: string }>('recheck', async (job) => void runs.push(`${job.key}:${job.payload.v}`));
    const at = (ms: number) => new Date(T0 + ms);

    // Committed with the caller's state change, inside its transaction.
    expect(await t.db.transaction((tx) => scheduleJob(tx, { name: 'recheck', key: 'notice-1', runAt: at(1000), payload: { v: 'first' } }))).toBe('scheduled');
    expect(await t.db.transaction((tx) => scheduleJob(tx, { name: 'recheck', key: 'notice-1', runAt: at(0), payload: { v: 'second' } }))).toBe('exists');
    expect(await findJob(t.db, 'recheck', 'notice-1')).toMatchObject({ runAt: at(1000), payload: { v: 'first' } });
    expect(await scheduleJob(t.db, { name: 'recheck', key: 'notice-1', runAt: at(5000), payload: { v: 'moved' }, replace: true })).toBe('replaced');
    expect(await findJob(t.db, 'recheck', 'notice-1')).toMatchObject({ state: 'scheduled', runAt: at(5000), payload: { v: 'moved' } });

    await expect(
      t.db.transaction(async (tx) => {
        await scheduleJob(tx, { name: 'recheck', key: 'notice-2', runAt: at(0) });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await findJob(t.db, 'recheck', 'notice-2')).toBeUndefined();

    await scheduleJob(t.db, { name: 'recheck', key: 'notice-3', runAt: at(0) });
    expect(await cancelJob(t.db, 'recheck', 'notice-3')).toBe(true);

    clock.advance(5000);
    expect(await runner.runDue()).toBe(1);
    expect(runs).toEqual(['notice-1:moved']);
    // Done: the key stays taken, neither a plain schedule nor a replace runs it again.
    expect(await scheduleJob(t.db, { name: 'recheck', key: 'notice-1', runAt: at(0), payload: { v: 'again' } })).toBe('exists');
    expect(await scheduleJob(t.db, { name: 'recheck', key: 'notice-1', runAt: at(0), payload: { v: 'again' }, replace: true })).toBe('exists');
    expect(await cancelJob(t.db, 'recheck', 'notice-1')).toBe(false);
    clock.advance(60_000);
    expect(await runner.runDue()).toBe(0);
    expect(runs).toEqual(['notice-1:moved']);
  });

  it('item 6: a failed attempt is retried with exponential back-off, then the job fails with the reason; counters say so', async () => {
    const registry = new Registry();
    const runner = makeRunner(t.db, clock, logs, { registry });
    let calls = 0;
    runner.register(
      'flaky',
      async () => {
        calls++;
        throw new Error(`the remote host answered 503 (call ${calls})`);
      },
      { retryBaseMs: 1000 },
    );
    await scheduleJob(t.db, { name: 'flaky', key: 'k', runAt: new Date(T0), maxAttempts: 3 });

    expect(await runner.runDue()).toBe(1);
    expect(await findJob(t.db, 'flaky', 'k')).toMatchObject({
      state: 'scheduled',
      attempts: 1,
      runAt: new Date(T0 + 1000),
      lastError: 'the remote host answered 503 (call 1)',
    });
    clock.advance(999);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    // Doubled: 2 s after the second attempt.
    expect(await findJob(t.db, 'flaky', 'k')).toMatchObject({ state: 'scheduled', attempts: 2, runAt: new Date(T0 + 3000) });
    clock.advance(1999);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(await findJob(t.db, 'flaky', 'k')).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'the remote host answered 503 (call 3)',
      lockedBy: null,
    });
    clock.advance(86_400_000);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toBe(3);

    expect(await metric(registry, 'hotline_jobs_started_total', 'flaky')).toBe(3);
    expect(await metric(registry, 'hotline_jobs_retried_total', 'flaky')).toBe(2);
    expect(await metric(registry, 'hotline_jobs_failed_total', 'flaky')).toBe(1);
    expect(await metric(registry, 'hotline_jobs_completed_total', 'flaky')).toBe(0);
    expect(logs.lines.some((l) => l.includes('job failed for good') && l.includes('call 3'))).toBe(true);
  });

  it('item 6: a non-retriable error fails at once, an outage is retried without using up attempts, the backlog gauge counts due jobs', async () => {
    const registry = new Registry();
    const runner = makeRunner(t.db, clock, logs, { registry });
    runner.register('refused', async () => {
      throw new ValidationError('the notice has no recipient');
    });
    let outage = true;
    runner.register(
      'outage',
      async () => {
        if (outage) throw new InfrastructureError('database unreachable');
      },
      { retryBaseMs: 1000 },
    );
    await scheduleJob(t.db, { name: 'refused', key: 'k', runAt: new Date(T0) });
    await scheduleJob(t.db, { name: 'outage', key: 'k', runAt: new Date(T0), maxAttempts: 1 });
    // Due, but for a handler this process does not have: left alone, and counted in the backlog.
    await scheduleJob(t.db, { name: 'elsewhere', key: 'a', runAt: new Date(T0 - 1) });
    await scheduleJob(t.db, { name: 'elsewhere', key: 'b', runAt: new Date(T0 - 1) });
    await scheduleJob(t.db, { name: 'elsewhere', key: 'later', runAt: new Date(T0 + 1) });

    expect(await runner.runDue()).toBe(2);
    expect(await findJob(t.db, 'refused', 'k')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'the notice has no recipient' });
    expect(await findJob(t.db, 'outage', 'k')).toMatchObject({ state: 'scheduled', attempts: 0, runAt: new Date(T0 + 1000) });
    clock.advance(1000);
    outage = false;
    expect(await runner.runDue()).toBe(1);
    expect(await findJob(t.db, 'outage', 'k')).toMatchObject({ state: 'done', attempts: 1 });
    expect(await findJob(t.db, 'elsewhere', 'a')).toMatchObject({ state: 'scheduled', attempts: 0 });

    expect(await metric(registry, 'hotline_jobs_due', 'elsewhere')).toBe(3);
    expect(await metric(registry, 'hotline_jobs_due', 'outage')).toBe(0);
  });

  it("item 6: a payload that fails the handler's schema fails the job with the reason and never reaches the handler", async () => {
    const runner = makeRunner(t.db, clock, logs);
    const got: string[] = [];
    runner.register('notice', async (job) => void got.push(job.payload.noticeId), { payload: z.object({ noticeId: z.string() }) });
    await scheduleJob(t.db, { name: 'notice', key: 'bad', runAt: new Date(T0), payload: { noticeId: 42 } });
    await scheduleJob(t.db, { name: 'notice', key: 'good', runAt: new Date(T0), payload: { noticeId: 'n-1' } });
    expect(await runner.runDue()).toBe(2);
    expect(got).toEqual(['n-1']);
    const bad = await findJob(t.db, 'notice', 'bad');
    expect(bad).toMatchObject({ state: 'failed', attempts: 1 });
    expect(bad!.lastError).toMatch(/^payload refused: noticeId: /);
  });

  it('item 6: a job whose worker dies mid-run is run again after its lease (the stale worker cannot record an outcome)', async () => {
    const stuck = makeRunner(t.db, clock, logs, { workerId: 'stuck' });
    const registry = new Registry();
    const rescuer = makeRunner(t.db, clock, logs, { workerId: 'rescuer', registry });
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    stuck.register('expire-lease', async () => {
      entered();
      await new Promise<void>((r) => (release = r));
    });
    const runs: number[] = [];
    rescuer.register('expire-lease', async (job) => void runs.push(job.attempt));
    await scheduleJob(t.db, { name: 'expire-lease', key: 'lease-7', runAt: new Date(T0 - 1000) });

    expect(await stuck.poll()).toBe(1);
    await inHandler;
    expect(await findJob(t.db, 'expire-lease', 'lease-7')).toMatchObject({ state: 'running', lockedBy: 'stuck', lockedUntil: new Date(T0 + LEASE_MS) });
    // The lease still runs: nobody else may take the job.
    expect(await rescuer.runDue()).toBe(0);
    clock.advance(LEASE_MS - 1);
    expect(await rescuer.runDue()).toBe(0);
    clock.advance(1);
    expect(await rescuer.runDue()).toBe(1);
    expect(runs).toEqual([2]);
    expect(await findJob(t.db, 'expire-lease', 'lease-7')).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });
    expect(await metric(registry, 'hotline_jobs_lease_expired_total', 'expire-lease')).toBe(1);

    // The stuck worker wakes up late: its claim is gone, so it changes nothing.
    release();
    await stuck.idle();
    expect(await findJob(t.db, 'expire-lease', 'lease-7')).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });
    expect(logs.lines.some((l) => l.includes('job claim was lost'))).toBe(true);
  });

  it('item 6: a running handler that renews its lease keeps the job', async () => {
    const a = makeRunner(t.db, clock, logs, { workerId: 'a' });
    const b = makeRunner(t.db, clock, logs, { workerId: 'b' });
    let release!: () => void;
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    a.register('long', async () => {
      entered();
      await new Promise<void>((r) => (release = r));
    });
    let bRuns = 0;
    b.register('long', async () => void bRuns++);
    await scheduleJob(t.db, { name: 'long', key: 'k', runAt: new Date(T0) });
    await a.poll();
    await inHandler;
    clock.advance(LEASE_MS / 2);
    await a.renewLeases();
    clock.advance(LEASE_MS / 2 + 1); // past the first lease, within the renewed one
    expect(await b.runDue()).toBe(0);
    release();
    await a.idle();
    expect(bRuns).toBe(0);
    expect(await findJob(t.db, 'long', 'k')).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('item 6: a recurring job runs once per period with a moved clock', async () => {
    // Two runners on the same database, as two processes would be.
    const second = t.schema ? await openSecondPool(t) : t.db;
    try {
      const runs: string[] = [];
      const runners = ['a', 'b'].map((id) => {
        const r = makeRunner(id === 'a' ? t.db : second, clock, logs, { workerId: id });
        r.recurring('retention-scan', { dailyAt: '03:00' }, async (job) => void runs.push(`${job.key}@${new Date(clock.nowMs()).toISOString().slice(0, 13)}`));
        return r;
      });
      const pollAll = async () => {
        await Promise.all(runners.map((r) => r.runDue()));
        await Promise.all(runners.map((r) => r.runDue()));
      };

      // First start at 10:00: today's 03:00 has not run anywhere, so it runs now, once.
      await pollAll();
      expect(runs).toEqual(['2026-11-30@2026-11-30T10']);
      clock.advance(3_600_000);
      await pollAll();
      clock.set('2026-12-01T02:59:59Z');
      await pollAll();
      expect(runs).toHaveLength(1);

      clock.set('2026-12-01T03:00:00Z');
      await pollAll();
      expect(runs).toEqual(['2026-11-30@2026-11-30T10', '2026-12-01@2026-12-01T03']);
      for (let day = 2; day <= 6; day++) {
        clock.set(`2026-12-0${day}T02:59:59Z`);
        await pollAll();
        clock.set(`2026-12-0${day}T03:00:00Z`);
        await pollAll();
        clock.set(`2026-12-0${day}T23:59:59Z`);
        await pollAll();
      }
      expect(runs.map((r) => r.slice(0, 10))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);

      // No process ran for three days: the missed occurrence runs once, late; the next is tomorrow.
      clock.set('2026-12-09T12:00:00Z');
      await pollAll();
      expect(runs).toHaveLength(8);
      expect(runs[7]).toBe('2026-12-07@2026-12-09T12');
      // A restarted runner finds the next occurrence waiting and adds none.
      const restarted = makeRunner(t.db, clock, logs, { workerId: 'c' });
      restarted.recurring('retention-scan', { dailyAt: '03:00' }, async (job) => void runs.push(job.key));
      await restarted.runDue();
      expect(runs).toHaveLength(8);
      const rows = await t.db.query<{ key: string; state: string }>(`SELECT key, state FROM jobs WHERE name = 'retention-scan' ORDER BY run_at`);
      // The late run stands for the period it ran in; older done occurrences are pruned.
      expect(rows.rows).toEqual([
        { key: '2026-12-09', state: 'done' },
        { key: '2026-12-10', state: 'scheduled' },
      ]);

      // Someone deletes the waiting occurrence: a runner schedules the next again, without re-running today's.
      await t.db.query(`DELETE FROM jobs WHERE name = 'retention-scan' AND state = 'scheduled'`);
      clock.advance(LEASE_MS);
      await pollAll();
      expect(runs).toHaveLength(8);
      clock.set('2026-12-10T03:00:00Z');
      await pollAll();
      expect(runs).toHaveLength(9);
      expect(runs[8]).toBe('2026-12-10@2026-12-10T03');
    } finally {
      if (second !== t.db) await second.close();
    }
  });
});

async function openSecondPool(t: TestDb): Promise<Db> {
  return new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, schema: t.schema, poolSize: 4 });
}
