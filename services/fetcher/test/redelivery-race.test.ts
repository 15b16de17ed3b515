import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContext, newId } from '@hotline/platform';
import type { FetcherContext } from '../src';
import { fetchReportedUrl } from '../src/fetch-item';
import { syntheticPng } from '../../../test/support/images';
import { inProcessTestBus, LogCapture, testSettings, waitFor } from '../../../test/support/pipeline';
import { createPgTestDb, type TestDb } from '../../../test/support/test-db';

/**
 * Two deliveries of one url.reported event handled at once (a Kafka rebalance, a retry racing a slow
 * first attempt): the hosting site holds both requests until both arrived, answers one, lets its
 * outcome commit, and only then answers the other.
 */
describe('two concurrent handlings of the same url.reported (item 10)', () => {
  let testDb: TestDb;
  let ctx: FetcherContext;
  let server: http.Server;
  let base: string;
  let png: Buffer;
  const waiting: http.ServerResponse[] = [];
  let arrived: () => void = () => {};

  beforeAll(async () => {
    testDb = await createPgTestDb('redelivery-race');
    png = await syntheticPng(64, 48, 7);
    server = http.createServer((_req, res) => {
      waiting.push(res);
      if (waiting.length === 2) arrived();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `http://${hostPort}`;
    ctx = await createContext(testSettings({ FETCH_ALLOW_HOSTS: hostPort }), {
      db: testDb.db,
      bus: inProcessTestBus(new LogCapture().logger),
      logger: new LogCapture().logger,
    });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await testDb?.drop();
  });

  async function race(first: 'image' | '404'): Promise<{ itemId: string; state: string; contents: number; blobs: number; events: number }> {
    waiting.length = 0;
    const reportId = newId();
    const itemId = newId();
    const url = `${base}/img-${itemId}.png`;
    await ctx.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
    await ctx.db.query(`INSERT INTO report_urls (id, report_id, position, url) VALUES ($1, $2, 0, $3)`, [itemId, reportId, url]);
    const both = new Promise<void>((resolve) => (arrived = resolve));
    const ev = { reportId, itemId, url, source: 'web' as const, receivedAt: new Date().toISOString() };
    const delivery = { attempt: 3, heartbeat: async () => {} };
    const handlings = Promise.all([fetchReportedUrl(ctx, ev, delivery), fetchReportedUrl(ctx, ev, delivery)]);
    await both;
    const answer = (res: http.ServerResponse, what: 'image' | '404') =>
      what === 'image' ? res.writeHead(200, { 'content-type': 'image/png' }).end(png) : res.writeHead(404).end('gone');
    answer(waiting[0]!, first);
    await waitFor('the first outcome to commit', async () => {
      const r = await ctx.db.query<{ state: string }>('SELECT state FROM report_urls WHERE id = $1', [itemId]);
      return r.rows[0]?.state !== 'pending';
    });
    answer(waiting[1]!, first === 'image' ? '404' : 'image');
    await handlings;
    const one = async (sql: string, arg: string) => (await ctx.db.query<{ n: number }>(sql, [arg])).rows[0]!.n;
    const state = (await ctx.db.query<{ state: string }>('SELECT state FROM report_urls WHERE id = $1', [itemId])).rows[0]!.state;
    return {
      itemId,
      state,
      contents: await one('SELECT count(*)::int AS n FROM contents WHERE item_id = $1', itemId),
      blobs: await one(`SELECT count(*)::int AS n FROM content_blobs WHERE key IN (SELECT blob_key FROM contents WHERE item_id = $1)`, itemId),
      events: await one(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'content.fetched' AND envelope::jsonb -> 'data' ->> 'itemId' = $1`, itemId),
    };
  }

  it('item 10: a redelivery answered with 404 cannot turn a fetched item into failed', async () => {
    const r = await race('image');
    expect(r).toMatchObject({ state: 'fetched', contents: 1, blobs: 1, events: 1 });
  });

  it('item 10: an item that ended failed is not turned into fetched by a slower delivery, which writes and enqueues nothing', async () => {
    const r = await race('404');
    expect(r).toMatchObject({ state: 'failed', contents: 0, events: 0 });
    const orphans = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM content_blobs WHERE key LIKE 'content/%' AND key NOT IN (SELECT blob_key FROM contents)`,
    );
    expect(orphans.rows[0]!.n).toBe(0);
  });
});
