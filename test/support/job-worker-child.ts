import { createLogger, JobRunner, ManualClock, PgDb } from '@hotline/platform';

/**
 * Run by shared/platform/test/jobs-processes.test.ts as its own process: a job runner on the test's
 * schema whose `stall` handler says on stdout that it started, then never finishes, so the test can
 * kill the process mid-run. Its clock stands still at the time the test gives (argv: schema,
 * clock time in ms, lease in ms).
 */
async function main(): Promise<void> {
  const [schema, clockMs, leaseMs] = process.argv.slice(2);
  const db = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, schema, poolSize: 2 });
  const runner = new JobRunner({
    db,
    logger: createLogger({ level: 'silent' }),
    clock: new ManualClock(Number(clockMs)),
    pollMs: 20,
    leaseMs: Number(leaseMs),
    workerId: 'child',
  });
  runner.register('stall', async (job) => {
    process.stdout.write(`started ${job.key} ${job.attempt}\n`);
    await new Promise(() => {});
  });
  runner.start();
}

void main();
