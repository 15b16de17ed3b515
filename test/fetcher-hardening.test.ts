import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InProcessBus } from '@hotline/platform';
import { createFetcherService } from '@hotline/fetcher';
import { createIntakeService } from '@hotline/intake-web';
import { startHostingSite } from './support/hosting-site';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { syntheticPng } from './support/images';
import { getQueue, getReport, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Never answer: the request stays open until the fetcher gives up on it. */
  hang?: boolean;
}

/** A hosting site on 127.0.0.1 that also counts how many image requests it holds at once. */
async function startSite(routes: Record<string, Route>) {
  let inFlight = 0;
  const seen = { maxInFlight: 0, requested: new Map<string, number>() };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.requested.set(path, (seen.requested.get(path) ?? 0) + 1);
    const route = routes[path];
    if (!route) return void res.writeHead(404).end('not found');
    const image = path.endsWith('.png');
    if (image) seen.maxInFlight = Math.max(seen.maxInFlight, ++inFlight);
    res.on('close', () => image && inFlight--);
    res.writeHead(route.status ?? 200, route.headers ?? {});
    if (route.hang) return void res.write(' ');
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${hostPort}`,
    hostPort,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const html = (body: string): Route => ({ headers: { 'content-type': 'text/html' }, body: `<!doctype html><html><body>${body}</body></html>` });
const LONG_PATH = `/long/${'x'.repeat(5000)}.png`;
const LONG_REDIRECT = `/landing/${'y'.repeat(5000)}.png`;

describe('the fetcher on Kafka and PostgreSQL, against hostile pages', () => {
  let testDb: TestDb;
  let site: Awaited<ReturnType<typeof startSite>>;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    const png = (seed: number) => syntheticPng(96, 64, seed);
    const image = async (seed: number): Promise<Route> => ({ headers: { 'content-type': 'image/png' }, body: await png(seed) });
    site = await startSite({
      '/one.png': await image(31),
      '/two.png': await image(32),
      [LONG_PATH]: await image(33),
      '/bounce.png': { status: 302, headers: { location: LONG_REDIRECT } },
      '/long-links.html': html(`<img src="one.png"><img src="${LONG_PATH}"><a href="/two.png">big</a><img src="/bounce.png">`),
      '/fast-1.png': await image(41),
      '/fast-2.png': await image(42),
      ...Object.fromEntries([1, 2, 3, 4].map((i) => [`/slow-${i}.png`, { headers: { 'content-type': 'image/png' }, hang: true }])),
      '/nested.html': html(`<img src="one.png">${'<b>'.repeat(6_900_000)}<img src="two.png">`),
      '/slow-page.html': html('<img src="fast-1.png"><img src="fast-2.png">' + [1, 2, 3, 4].map((i) => `<img src="slow-${i}.png">`).join('')),
    });
    testDb = await createPgTestDb('fetcher-hardening');
    pipeline = await startPipeline({
      db: testDb.db,
      bus: kafkaTestBus(logs.logger),
      logger: logs.logger,
      env: {
        FETCH_ALLOW_HOSTS: site.hostPort,
        FETCH_TIMEOUT_MS: '30000',
        FETCH_PAGE_BUDGET_MS: '6000',
        FETCH_LINKED_CONCURRENCY: '3',
        FETCH_MAX_PARSE_BYTES: '65536',
      },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  const report = async (urls: string[]) => {
    const res = await postReport(pipeline.intakeUrl, { urls });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reportId: string }).reportId;
  };
  const settled = (reportId: string, items: number) =>
    waitFor(
      `${items} settled items of the report`,
      async () => {
        const r = await getReport(pipeline.reviewUrl, reportId);
        const done = r.items.filter((i: { state: string }) => i.state !== 'pending');
        return done.length === items && r.items.length === items ? (r.items as Array<Record<string, any>>) : undefined;
      },
      40000,
    );
  const logLines = () => logs.lines.map((l) => JSON.parse(l) as Record<string, any>);

  it('item 2: an over-long link or redirect fails on its own; the valid images are hashed and queued, nothing is dead-lettered', async () => {
    const reportId = await report([`${site.url}/long-links.html`, `${site.url}/bounce.png`]);
    const items = await settled(reportId, 6);
    const byPath = (p: string) => items.find((i) => i.url.startsWith(`${site.url}${p}`))!;
    expect(byPath('/long-links.html')).toMatchObject({ state: 'page', parentId: null });
    expect(byPath('/one.png')).toMatchObject({ state: 'fetched' });
    expect(byPath('/two.png')).toMatchObject({ state: 'fetched' });
    const long = byPath('/long/');
    expect(long.state).toBe('failed');
    expect(long.reason).toMatch(/longer than 4096 characters/);
    expect(long.url.length).toBeLessThan(4096);
    expect(long.url).toMatch(/truncated/);
    expect(site.seen.requested.get(LONG_PATH)).toBeUndefined();
    const bounces = items.filter((i) => i.url === `${site.url}/bounce.png`);
    expect(bounces.map((b) => [b.state, b.parentId === null])).toEqual(
      expect.arrayContaining([
        ['failed', true],
        ['failed', false],
      ]),
    );
    bounces.forEach((b) => expect(b.reason).toMatch(/redirect location is longer than 4096 characters/));
    expect(site.seen.requested.get(LONG_REDIRECT)).toBeUndefined();

    const mine = await waitFor('both valid images hashed and queued, and the failed reported URL as a url item', async () => {
      const all = (await getQueue(pipeline.reviewUrl)).items.filter((i) => i.reportId === reportId);
      return all.length === 3 ? all : undefined;
    });
    const queued = mine.filter((q) => q.kind === 'content');
    expect(queued.map((q) => q.url).sort()).toEqual([`${site.url}/one.png`, `${site.url}/two.png`]);
    queued.forEach((q) => expect(q.hashes.sha256).toMatch(/^[0-9a-f]{64}$/));
    expect(mine.filter((q) => q.kind === 'url')).toEqual([
      expect.objectContaining({ url: `${site.url}/bounce.png`, reason: expect.stringMatching(/redirect location is longer than 4096 characters/) }),
    ]);
    expect(logs.lines.filter((l) => /dead-letter|retrying/.test(l))).toEqual([]);
  });

  it('item 17: one info line per fetcher outcome, with ids and reasons and no URL', async () => {
    const reportId = await report([`${site.url}/long-links.html`]);
    const items = await settled(reportId, 5);
    const page = items.find((i) => i.parentId === null)!;
    const lines = await waitFor('the page line', async () => {
      const mine = logLines().filter((l) => l.reportId === reportId);
      return mine.some((l) => l.msg === 'page fetched') ? mine : undefined;
    });
    expect(lines.find((l) => l.msg === 'page fetched')).toMatchObject({ level: 30, reportId, itemId: page.itemId, state: 'page', linked: 4, fetched: 2 });
    for (const child of items.filter((i) => i.parentId !== null)) {
      const line = lines.find((l) => l.itemId === child.itemId);
      expect(line).toMatchObject({ level: 30, reportId, parentId: page.itemId, state: child.state, msg: `url ${child.state}` });
      if (child.state === 'fetched') expect(line).toMatchObject({ mime: 'image/png', bytes: expect.any(Number) });
      else expect(line!.reason).toBe(child.reason);
    }
    const direct = await report([`${site.url}/one.png`]);
    const [one] = await settled(direct, 1);
    await waitFor('the direct image line', async () => logLines().find((l) => l.itemId === one!.itemId && l.msg === 'url fetched' && l.reportId === direct));
    const fetcherLines = logs.lines.filter((l) => /"msg":"(url|page) /.test(l));
    expect(fetcherLines.filter((l) => l.includes(site.hostPort) || l.includes('.png') || l.includes('.html'))).toEqual([]);
  });

  it('item 1: a 20 MB page of nested <b> is searched only in its first FETCH_MAX_PARSE_BYTES, and the page says so', async () => {
    const reportId = await report([`${site.url}/nested.html`]);
    const items = await settled(reportId, 2);
    const page = items.find((i) => i.parentId === null)!;
    expect(page.state).toBe('page');
    expect(page.reason).toMatch(/^page links 1 image\(s\); 1 fetched; only the first 65536 of 207000\d\d bytes searched$/);
    expect(items.find((i) => i.parentId !== null)).toMatchObject({ url: `${site.url}/one.png`, state: 'fetched' });
  });

  it('item 7: a page fetches its images in parallel within FETCH_LINKED_CONCURRENCY, and its time budget ends the rest as failed', async () => {
    site.seen.maxInFlight = 0;
    const reportId = await report([`${site.url}/slow-page.html`]);
    const items = await settled(reportId, 7);
    const state = (p: string) => items.find((i) => i.url === `${site.url}${p}`)!;
    expect(state('/slow-page.html').state).toBe('page');
    expect(state('/fast-1.png').state).toBe('fetched');
    expect(state('/fast-2.png').state).toBe('fetched');
    for (const i of [1, 2, 3, 4]) expect(state(`/slow-${i}.png`)).toMatchObject({ state: 'failed', reason: 'page time budget exhausted' });
    expect(site.seen.maxInFlight).toBeGreaterThan(1);
    expect(site.seen.maxInFlight).toBeLessThanOrEqual(3);
    // Three slow images took the three slots; the fourth was never started before the budget ran out.
    expect([1, 2, 3, 4].map((i) => site.seen.requested.get(`/slow-${i}.png`) ?? 0)).toEqual([1, 1, 1, 0]);
  });
});

describe('review: the fetcher with BUS_MAX_ATTEMPTS below its transient tries', () => {
  it('review: with BUS_MAX_ATTEMPTS=1 a 503 site ends the item failed with the reason, not dead-lettered', async () => {
    const testDb = await createPgliteTestDb();
    const logs = new LogCapture();
    const site = await startHostingSite({ '/busy.png': { status: 503, body: 'try later' } });
    const bus = new InProcessBus({ logger: logs.logger, maxAttempts: 1, retryBaseMs: 1, db: testDb.db });
    const pipeline = await startPipeline({
      db: testDb.db,
      bus,
      logger: logs.logger,
      factories: [createIntakeService, createFetcherService],
      env: { FETCH_ALLOW_HOSTS: site.hostPort, BUS_MAX_ATTEMPTS: '1' },
    });
    try {
      const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/busy.png`] });
      expect(res.status).toBe(202);
      const { reportId } = (await res.json()) as { reportId: string };
      const settled = async () => {
        const state = await testDb.db.query<{ state: string; reason: string | null }>('SELECT state, reason FROM report_urls WHERE report_id = $1', [reportId]);
        const dead = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters');
        return { ...state.rows[0]!, deadLetters: dead.rows[0]!.n };
      };
      await waitFor('the item settled or dead-lettered', async () => {
        const s = await settled();
        return s.state !== 'pending' || s.deadLetters > 0;
      });
      expect(await settled()).toMatchObject({ state: 'failed', reason: expect.stringMatching(/503/), deadLetters: 0 });
    } finally {
      await pipeline.stop();
      await site.close();
      await testDb.drop();
    }
  });
});
