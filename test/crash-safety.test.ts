import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createFetcherService } from '@hotline/fetcher';
import { createIntakeService } from '@hotline/intake-web';
import { createMatcherService } from '@hotline/matcher';
import { createReviewService } from '@hotline/review';
import { createPgTestDb, type TestDb } from './support/test-db';
import { syntheticPng } from './support/images';
import { kafkaTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const ROOT = path.join(__dirname, '..');
const REPORTS = 8;
const IMAGES_PER_REPORT = 3;

/**
 * The hasher runs as its own process on Kafka and PostgreSQL and is killed with SIGKILL while it is
 * working through the stream. A new hasher picks up where the offsets were committed; idempotent
 * consumers make sure every content reaches the review queue exactly once.
 */
describe('crash safety', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  const prefix = `crash${randomBytes(3).toString('hex')}.`;
  const key = randomBytes(32).toString('base64');
  const children: ChildProcess[] = [];
  let childOutput = '';

  function startHasher(): ChildProcess {
    // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a grandchild that SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'services', 'hasher', 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        DATABASE_SCHEMA: testDb.schema,
        KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        CONTENT_ENCRYPTION_KEY: key,
        HASH_CONCURRENCY: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (childOutput += d));
    child.stderr!.on('data', (d) => (childOutput += d));
    children.push(child);
    return child;
  }

  const count = async (sql: string) => (await testDb.db.query<{ n: number }>(sql)).rows[0]!.n;

  beforeAll(async () => {
    testDb = await createPgTestDb('crash');
    pipeline = await startPipeline({
      db: testDb.db,
      bus: kafkaTestBus(logs.logger, prefix),
      logger: logs.logger,
      env: { CONTENT_ENCRYPTION_KEY: key, INTAKE_UPLOADS_ENABLED: 'true' },
      factories: [createReviewService, createMatcherService, createFetcherService, createIntakeService],
    });
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await pipeline?.stop();
    await testDb?.drop();
  });

  it('queues every report exactly once when the hasher is killed mid-stream and restarted', async () => {
    for (let r = 0; r < REPORTS; r++) {
      const form = new FormData();
      for (let i = 0; i < IMAGES_PER_REPORT; i++) {
        form.append('images', new Blob([await syntheticPng(1600, 1200, 1000 + r * 10 + i)]), `${i}.png`);
      }
      const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
      expect(res.status).toBe(202);
    }
    const total = REPORTS * IMAGES_PER_REPORT;

    const first = startHasher();
    await waitFor(
      'the first hasher to make progress',
      async () => (await count(`SELECT count(*)::int AS n FROM contents WHERE state = 'hashed'`)) >= 2,
      60000,
      20,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const hashedAtKill = await count(`SELECT count(*)::int AS n FROM contents WHERE state = 'hashed'`);
    expect(hashedAtKill).toBeLessThan(total);

    startHasher();
    await waitFor(
      `all ${total} contents in the review queue (hasher output: ${childOutput.slice(-2000)})`,
      async () => (await count('SELECT count(*)::int AS n FROM review_items')) === total,
      90000,
      200,
    );
    // Give any redelivered duplicates time to arrive, then check nothing doubled.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count('SELECT count(*)::int AS n FROM review_items')).toBe(total);
    expect(await count('SELECT count(DISTINCT content_id)::int AS n FROM review_items')).toBe(total);
    expect(await count('SELECT count(*)::int AS n FROM match_runs')).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM contents WHERE state <> 'hashed'`)).toBe(0);
  }, 180000);
});
