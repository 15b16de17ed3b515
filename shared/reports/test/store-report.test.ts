import { createContext, type ServiceContext, type WithContentKey } from '@hotline/platform';
import { reportStatus, storeReport, type ReportSource } from '../src';
import { syntheticPng } from '../../../test/support/images';
import { inProcessTestBus, LogCapture, testSettings } from '../../../test/support/pipeline';
import { createPgliteTestDb, type TestDb } from '../../../test/support/test-db';

/**
 * Report storage is shared by every intake: the source is the caller's, not the library's. The
 * relay is not started here, so the events stay in the outbox where the test reads them.
 */
describe('storing a report from any source (issue 8 item 1)', () => {
  let testDb: TestDb;
  let ctx: ServiceContext<object, WithContentKey>;

  beforeAll(async () => {
    testDb = await createPgliteTestDb();
    const logger = new LogCapture().logger;
    ctx = await createContext(testSettings(), { db: testDb.db, bus: inProcessTestBus(logger), logger });
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  const urlEventSources = async (reportId: string) =>
    (
      await ctx.db.query<{ source: string }>(
        `SELECT envelope -> 'data' ->> 'source' AS source FROM outbox WHERE topic = 'url.reported' AND envelope -> 'data' ->> 'reportId' = $1`,
        [reportId],
      )
    ).rows.map((r) => r.source);

  it.each<ReportSource>(['web', 'chat'])('item 1: a %s report is stored and announced with its own source', async (source) => {
    const png = await syntheticPng(32, 24, 3);
    const stored = await storeReport(
      ctx,
      source,
      { urls: ['https://a.example/1', 'https://b.example/2'], description: 'x' },
      [{ bytes: png, mime: 'image/png' }],
      null,
    );
    expect(stored).toMatchObject({ urls: 2, uploads: 1 });
    const status = await reportStatus(ctx.db, stored.reportId);
    expect(status?.source).toBe(source);
    expect(status?.items.map((i) => i.url)).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(status?.contents.map((c) => c.origin)).toEqual(['upload']);
    expect(await urlEventSources(stored.reportId)).toEqual([source, source]);
  });
});
