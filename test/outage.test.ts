import { randomBytes } from 'node:crypto';
import { PgDb, type Bus, type Db, type Logger } from '@hotline/platform';
import { createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { startPgProxy, type PgProxy } from './support/pg-proxy';
import { inProcessTestBus, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const REPORTS = 10;
const URLS_PER_REPORT = 2;

const buses: Array<[string, (logger: Logger, db: Db) => Bus]> = [
  ['Kafka', (logger, db) => kafkaTestBus(logger, `outage${randomBytes(3).toString('hex')}.`, db)],
  ['the embedded in-process', (logger, db) => inProcessTestBus(logger, db)],
];

/**
 * PostgreSQL vanishes for ~10 s while reports flow (a TCP proxy between the pipeline and the server
 * drops every connection and refuses new ones). Before the fix every event consumed meanwhile was
 * dead-lettered and its item stayed pending/stored forever.
 */
describe.each(buses)('a database outage on %s bus', (_name, makeBus) => {
  let t: TestDb;
  let proxy: PgProxy;
  let proxied: PgDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]!.n;

  beforeAll(async () => {
    t = await createPgTestDb('outage');
    proxy = await startPgProxy(process.env.TEST_DATABASE_URL!);
    proxied = new PgDb({ connectionString: proxy.connectionString, schema: t.schema, poolSize: 8 });
    const routes: Record<string, { headers: Record<string, string>; body: Buffer }> = {};
    for (let i = 0; i < REPORTS * URLS_PER_REPORT; i++) {
      routes[`/img-${i}.png`] = { headers: { 'content-type': 'image/png' }, body: await syntheticPng(800, 600, 7000 + i) };
    }
    site = await startHostingSite(routes);
    pipeline = await startPipeline({
      db: proxied,
      bus: makeBus(logs.logger, proxied),
      logger: logs.logger,
      // The sweeper would eventually repair stranded items; this test shows none are stranded.
      env: { FETCH_ALLOW_HOSTS: site.hostPort, SWEEP_INTERVAL_MS: '3600000', BUS_MAX_ATTEMPTS: '3' },
    });
  });
  afterAll(async () => {
    proxy?.restore();
    await pipeline?.stop();
    await site?.close();
    await proxy?.close();
    await t?.drop();
  });

  it('item 3: after ~10 s without PostgreSQL every accepted item reaches the review queue and nothing is dead-lettered', async () => {
    let accepted = 0;
    for (let r = 0; r < REPORTS; r++) {
      const urls = Array.from({ length: URLS_PER_REPORT }, (_, i) => `${site.url}/img-${r * URLS_PER_REPORT + i}.png`);
      const res = await postReport(pipeline.intakeUrl, { urls, description: `outage ${r}` });
      expect(res.status).toBe(202);
      accepted += URLS_PER_REPORT;
    }
    // Cut while the reports are still flowing through fetcher, hasher, matcher and review.
    const queuedAtCut = await count('SELECT count(*)::int AS n FROM review_items');
    expect(queuedAtCut).toBeLessThan(accepted);
    proxy.cut();
    await new Promise((r) => setTimeout(r, 10_000));
    proxy.restore();
    expect(proxy.dropped).toBeGreaterThan(0);

    await waitFor(
      `all ${accepted} items in the review queue`,
      async () => (await count('SELECT count(*)::int AS n FROM review_items')) === accepted,
      60000,
      200,
    );
    expect(await count('SELECT count(*)::int AS n FROM dead_letters')).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM report_urls WHERE state <> 'fetched'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM contents WHERE state <> 'hashed'`)).toBe(0);
    expect(logs.lines.some((l) => l.includes('infrastructure unavailable; holding the event'))).toBe(true);
    expect(logs.lines.filter((l) => l.includes('dead-lettering')).length).toBe(0);
  }, 120000);
});
