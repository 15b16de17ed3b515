import { type Bus, type Db } from '@hotline/platform';
import { hashImage } from '@hotline/hashing';
import { importRows } from './support/hash-lists';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { reencodeJpeg, syntheticPng } from './support/images';
import { getQueue, getReport, inProcessTestBus, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const modes: Array<[string, () => Promise<TestDb>, (logs: LogCapture) => Bus]> = [
  ['Kafka and PostgreSQL', () => createPgTestDb('e2e'), (logs) => kafkaTestBus(logs.logger)],
  ['the embedded default (in-process bus, PGlite)', () => createPgliteTestDb(), (logs) => inProcessTestBus(logs.logger)],
];

describe.each(modes)('a reported page on %s', (_mode, makeDb, makeBus) => {
  let testDb: TestDb;
  let db: Db;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  let png: Buffer;
  let jpeg: Buffer;
  const logs = new LogCapture();

  beforeAll(async () => {
    testDb = await makeDb();
    db = testDb.db;
    png = await syntheticPng(640, 480, 11);
    jpeg = await reencodeJpeg(png, 75);
    site = await startHostingSite({
      '/known.png': { headers: { 'content-type': 'image/png' }, body: png },
      '/copy.jpg': { headers: { 'content-type': 'image/jpeg' }, body: jpeg },
      '/other.png': { headers: { 'content-type': 'image/png' }, body: await syntheticPng(640, 480, 12) },
      '/page.html': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><html><body><h1>gallery</h1><img src="copy.jpg" alt=""><a href="/known.png">full size</a></body></html>',
      },
    });
    const known = await hashImage(png, { maxInputPixels: 1e8 });
    await importRows(db, { list: 'test-known', source: 'own', type: 'sha256', rows: [{ hash: known.hashes.sha256, category: 'A1' }] });
    await importRows(db, { list: 'test-known-bh', source: 'own', type: 'blockhash', rows: [{ hash: known.hashes.blockhash, category: 'A1' }] });
    pipeline = await startPipeline({ db, bus: makeBus(logs), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort } });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  it('ends in the review queue with an exact match for the PNG and a perceptual match for its JPEG re-encode', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/page.html`], description: 'a gallery page' });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };

    const items = await waitFor('both images of the page in the queue', async () => {
      const q = await getQueue(pipeline.reviewUrl);
      const mine = q.items.filter((i) => i.reportId === reportId);
      return mine.length === 2 ? mine : undefined;
    });

    const pngItem = items.find((i) => i.url === `${site.url}/known.png`)!;
    const jpegItem = items.find((i) => i.url === `${site.url}/copy.jpg`)!;
    expect(pngItem.knownMaterial).toBe(true);
    expect(pngItem.matches).toEqual(
      expect.arrayContaining([expect.objectContaining({ hashType: 'sha256', distance: 0, listName: 'test-known', listSource: 'own', category: 'A1' })]),
    );
    expect(jpegItem.knownMaterial).toBe(true);
    const perceptual = jpegItem.matches.find((m: { hashType: string }) => m.hashType === 'blockhash');
    expect(perceptual).toMatchObject({ listName: 'test-known-bh', category: 'A1' });
    expect(perceptual.distance).toBeLessThanOrEqual(pipeline.ctx.cfg.MATCH_BLOCKHASH_MAX_DISTANCE);
    expect(jpegItem.matches.some((m: { hashType: string }) => m.hashType === 'sha256')).toBe(false);
    expect(jpegItem.hashes.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(jpegItem.hashes.blockhash).toMatch(/^[0-9a-f]{64}$/);

    const status = await getReport(pipeline.reviewUrl, reportId);
    expect(status.items.map((i: { state: string }) => i.state).sort()).toEqual(['fetched', 'fetched', 'page']);
  });

  it('queues unknown content after known material', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/other.png`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const q = await waitFor('the unknown image in the queue', async () => {
      const queue = await getQueue(pipeline.reviewUrl);
      return queue.items.some((i) => i.reportId === reportId) ? queue : undefined;
    });
    const unknown = q.items.find((i) => i.reportId === reportId)!;
    expect(unknown.knownMaterial).toBe(false);
    expect(unknown.matches).toEqual([]);
    const firstUnknown = q.items.findIndex((i) => !i.knownMaterial);
    expect(q.items.slice(0, firstUnknown).every((i) => i.knownMaterial)).toBe(true);
    expect(q.items.slice(firstUnknown).every((i) => !i.knownMaterial)).toBe(true);
  });
});
