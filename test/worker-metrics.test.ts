import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createPgTestDb, type TestDb } from './support/test-db';
import { families, scrape } from './support/metrics-text';
import { waitFor } from './support/pipeline';

const ROOT = path.resolve(__dirname, '..');

describe('a worker process on its own', () => {
  let testDb: TestDb;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    testDb = await createPgTestDb('worker_metrics');
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await testDb?.drop();
  });

  it('item 4: the fetcher serves /metrics, /healthz and /readyz on METRICS_PORT', async () => {
    child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'services', 'fetcher', 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS!,
        KAFKA_TOPIC_PREFIX: `w${randomBytes(4).toString('hex')}.`,
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        DATABASE_SCHEMA: testDb.schema!,
        CONTENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const url = await waitFor(
      'the metrics listener',
      async () =>
        /"msg":"metrics listening"/.test(out) && /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out.split('\n').find((l) => l.includes('metrics listening'))!)?.[1],
      45000,
    );

    const scraped = await scrape(url);
    expect(scraped.status).toBe(200);
    expect(scraped.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const declared = families(scraped.text);
    for (const f of [
      'hotline_fetch_outcomes_total',
      'hotline_bus_events_consumed_total',
      'hotline_kafka_consumer_lag',
      'hotline_outbox_backlog',
      'hotline_process_cpu_seconds_total',
    ]) {
      expect([f, declared.has(f)]).toEqual([f, true]);
    }
    expect(scraped.text).toMatch(/^hotline_outbox_backlog\{process="fetcher"\} 0$/m);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  });
});
