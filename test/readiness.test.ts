import { KafkaBus, PgDb } from '@hotline/platform';
import { createReviewService } from '@hotline/review';
import { createIntakeService } from '@hotline/intake-web';
import { startPgProxy, type PgProxy } from './support/pg-proxy';
import { createPgTestDb, type TestDb } from './support/test-db';
import { inProcessTestBus, kafkaTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('readiness while PostgreSQL goes away', () => {
  let testDb: TestDb;
  let proxy: PgProxy;
  let db: PgDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    testDb = await createPgTestDb('readiness');
    proxy = await startPgProxy(process.env.TEST_DATABASE_URL!);
    db = new PgDb({ connectionString: proxy.connectionString, schema: testDb.schema, poolSize: 4, connectTimeoutMs: 1000 });
    pipeline = await startPipeline({
      db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      env: { METRICS_PORT: '0' },
      factories: [createReviewService, createIntakeService],
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await proxy?.close();
    await testDb?.drop();
  });

  it('item 3: /readyz answers 503 while the database is unreachable and 200 once it is back; /healthz stays 200', async () => {
    const metrics = (pipeline.services.find((s) => s.name === 'metrics') as unknown as { url(): string }).url();
    const bases = [pipeline.intakeUrl, pipeline.reviewUrl, metrics];
    for (const b of bases) expect([b, await status(`${b}/readyz`)]).toEqual([b, 200]);

    proxy.cut();
    for (const b of bases) {
      const res = await fetch(`${b}/readyz`);
      expect([b, res.status]).toEqual([b, 503]);
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable', bus: 'ok' });
      expect([b, await status(`${b}/healthz`)]).toEqual([b, 200]);
    }
    // A scrape still answers; the outbox gauges say they could not be read.
    const scraped = await (await fetch(`${metrics}/metrics`)).text();
    // (prom-client writes NaN as `Nan`; Prometheus parses either.)
    expect(scraped).toMatch(/^hotline_outbox_backlog\{process="hotline"\} NaN$/im);
    expect(scraped).toMatch(/^hotline_outbox_oldest_age_seconds\{process="hotline"\} NaN$/im);

    proxy.restore();
    for (const b of bases) await waitFor(`${b}/readyz back to 200`, async () => (await status(`${b}/readyz`)) === 200);
  });
});

describe('bus readiness', () => {
  it('item 3: the Kafka bus is ready against the broker and not ready against a closed port', async () => {
    const logs = new LogCapture();
    const up = kafkaTestBus(logs.logger);
    const down = new KafkaBus({
      brokers: ['127.0.0.1:1'],
      clientId: 'hotline-test',
      topicPrefix: 'none.',
      partitions: 1,
      sessionTimeoutMs: 6000,
      maxAttempts: 1,
      retryBaseMs: 50,
      logger: logs.logger,
    });
    try {
      expect(await up.ready(5000)).toBe(true);
      expect(await down.ready(1000)).toBe(false);
    } finally {
      await Promise.all([up.close(), down.close()]);
    }
  });
});
