import { spawn } from 'node:child_process';
import path from 'node:path';
import { Registry } from 'prom-client';
import { findJob, JobRunner, ManualClock, PgDb, scheduleJob, Sweeper, SWEEP_JOB } from '../src';
import { createPgTestDb, type TestDb } from '../../../test/support/test-db';
import { LogCapture, waitFor } from '../../../test/support/pipeline';

const ROOT = path.join(__dirname, '..', '..', '..');
const T0 = Date.parse('2026-11-30T10:00:00Z');
const LEASE_MS = 60_000;

/** Runners on separate connection pools of one schema: what separate processes on one PostgreSQL are. */
describe('durable timers across processes on PostgreSQL', () => {
  let t: TestDb;
  let other: PgDb;
  const logs = new LogCapture();

  beforeEach(async () => {
    t = await createPgTestDb('jobs_procs');
    other = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, schema: t.schema, poolSize: 4 });
  });
  afterEach(async () => {
    await other.close();
    await t.drop();
  });

  it('item 6: a job scheduled in the past runs once even with two processes polling', async () => {
    const clock = new ManualClock(T0);
    const runs = new Map<string, string[]>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runners = [t.db, other].map((db, i) => {
      const r = new JobRunner({ db, logger: logs.logger, clock, pollMs: 5, leaseMs: LEASE_MS, concurrency: 8, workerId: `p${i}` });
      r.register('notify', async (job) => {
        runs.set(job.key, [...(runs.get(job.key) ?? []), r.workerId]);
        if (job.key === 'held') await gate;
      });
      return r;
    });
    await scheduleJob(t.db, { name: 'notify', key: 'held', runAt: new Date(T0 - 86_400_000) });
    const keys = Array.from({ length: 60 }, (_, i) => `n${i}`);
    for (const key of keys) await scheduleJob(t.db, { name: 'notify', key, runAt: new Date(T0 - 1000) });

    runners.forEach((r) => r.start());
    try {
      await waitFor('every job to run', async () => keys.every((k) => runs.has(k)) && runs.has('held'), 20000, 20);
      // While the held job runs, both keep polling and explicit polls find nothing to claim.
      for (let i = 0; i < 5; i++) expect(await Promise.all(runners.map((r) => r.poll()))).toEqual([0, 0]);
      release();
      await waitFor('the held job to be done', async () => (await findJob(t.db, 'notify', 'held'))?.state === 'done', 10000, 20);
      for (let i = 0; i < 5; i++) expect(await Promise.all(runners.map((r) => r.poll()))).toEqual([0, 0]);
    } finally {
      release();
      await Promise.all(runners.map((r) => r.stop()));
    }
    for (const [key, by] of runs) expect({ key, runs: by.length }).toEqual({ key, runs: 1 });
    expect(runs.size).toBe(61);
    const states = await t.db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM jobs GROUP BY state`);
    expect(states.rows).toEqual([{ state: 'done', n: 61 }]);
  });

  it('item 6: a job whose worker dies mid-run is run again after its lease (the worker process is killed)', async () => {
    await scheduleJob(t.db, { name: 'stall', key: 'notice-9', runAt: new Date(T0 - 1000) });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'job-worker-child.ts'), t.schema!, String(T0), String(LEASE_MS)],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      await waitFor(`the child to start the job (stderr: ${err})`, async () => out.includes('started notice-9 1'), 30000, 50);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(await findJob(t.db, 'stall', 'notice-9')).toMatchObject({ state: 'running', lockedBy: 'child', attempts: 1 });

    const clock = new ManualClock(T0);
    const registry = new Registry();
    const rescuer = new JobRunner({ db: other, logger: logs.logger, clock, pollMs: 50, leaseMs: LEASE_MS, workerId: 'rescuer', registry });
    const attempts: number[] = [];
    rescuer.register('stall', async (job) => void attempts.push(job.attempt));
    expect(await rescuer.runDue()).toBe(0);
    clock.advance(LEASE_MS - 1);
    expect(await rescuer.runDue()).toBe(0);
    clock.advance(1);
    expect(await rescuer.runDue()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await findJob(t.db, 'stall', 'notice-9')).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });
    expect((await registry.getSingleMetric('hotline_jobs_lease_expired_total')!.get()).values[0]?.value).toBe(1);
  });

  it('item 6: the sweeper runs once per SWEEP_INTERVAL_MS across all processes (a recurring job)', async () => {
    const clock = new ManualClock(T0);
    const parts = [t.db, other].map((db, i) => {
      const registry = new Registry();
      const jobs = new JobRunner({ db, logger: logs.logger, clock, pollMs: 50, leaseMs: LEASE_MS, workerId: `p${i}`, registry });
      new Sweeper({ db, logger: logs.logger, intervalMs: 60_000, stuckAfterMs: 600_000, onResent: () => {} }).scheduleOn(jobs);
      return { jobs, registry };
    });
    const sweeps = async () => {
      let n = 0;
      for (const { registry } of parts)
        n += (await registry.getSingleMetric('hotline_jobs_completed_total')!.get()).values.find((v) => v.labels.name === SWEEP_JOB)?.value ?? 0;
      return n;
    };
    const pollBoth = async () => {
      for (let i = 0; i < 3; i++) await Promise.all(parts.map((p) => p.jobs.runDue()));
    };
    await pollBoth();
    expect(await sweeps()).toBe(1); // the current period, at start
    for (let period = 1; period <= 5; period++) {
      clock.advance(30_000);
      await pollBoth();
      clock.advance(30_000);
      await pollBoth();
      expect(await sweeps()).toBe(1 + period);
    }
    // The sweep itself still works through the job: a stuck item is re-sent once.
    await t.db.query(`INSERT INTO reports (id, source) VALUES ('00000000-0000-4000-8000-000000000001', 'web')`);
    await t.db.query(
      `INSERT INTO report_urls (id, report_id, position, url, updated_at) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 0, 'https://example.org/x', now() - interval '1 hour')`,
    );
    // The sweep's advisory lock is database-wide: another suite's sweeper on this server may hold it
    // for a moment, and that period's sweep then finds it taken. A later period sweeps.
    for (let period = 0; period < 50; period++) {
      clock.advance(60_000);
      await pollBoth();
      if ((await t.db.query('SELECT 1 FROM outbox')).rows.length > 0) break;
    }
    const outbox = await t.db.query<{ topic: string }>('SELECT topic FROM outbox');
    expect(outbox.rows).toEqual([{ topic: 'url.reported' }]);
  });
});
