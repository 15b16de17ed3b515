import { hashContent } from '@hotline/hasher';
import { bmpImage, svgDisguisedAsAvif } from './support/foreign-images';
import { contentRow, storeContent } from './support/stored-content';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng, texturedPng } from './support/images';
import { getReport, inProcessTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

/**
 * Issue 7, items 5, 6 and the hasher's part of 17: every door (upload, fetch, hasher) refuses a
 * format we do not decode with a reason, and the hasher says what it did in one line per content.
 */
const databases: Array<[string, () => Promise<TestDb>]> = [
  ['PostgreSQL', () => createPgTestDb('formats')],
  ['embedded PGlite', () => createPgliteTestDb()],
];

describe.each(databases)('image formats at every door, on %s', (_name, makeDb) => {
  let testDb: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  const logLines = () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    testDb = await makeDb();
    site = await startHostingSite({
      '/photo.bmp': { headers: { 'content-type': 'image/bmp' }, body: bmpImage(8, 8) },
      '/photo.avif': { headers: { 'content-type': 'image/avif' }, body: svgDisguisedAsAvif(300, 300) },
    });
    pipeline = await startPipeline({
      db: testDb.db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      env: { FETCH_ALLOW_HOSTS: site.hostPort, INTAKE_UPLOADS_ENABLED: 'true' },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  it('item 6: an uploaded BMP gets a 415 that names BMP and the supported formats', async () => {
    const form = new FormData();
    form.append('urls', 'https://example.org/page');
    form.append('images', new Blob([bmpImage()], { type: 'image/bmp' }), 'photo.bmp');
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unsupported_media');
    expect(body.error.message).toContain('File 1 is a BMP file');
    expect(body.error.message).toContain('PNG, JPEG, GIF, WebP, TIFF, AVIF');
  });

  it('items 5 and 6: a fetched BMP, or an SVG that opens with "ftypavif", ends failed with the reason', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/photo.bmp`, `${site.url}/photo.avif`] });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const status = await waitFor('both items to get an outcome', async () => {
      const s = await getReport(pipeline.reviewUrl, reportId);
      return s.items.every((i: { state: string }) => i.state !== 'pending') ? s : undefined;
    });
    const item = (path: string) => status.items.find((i: { url: string }) => i.url.endsWith(path));
    expect(item('/photo.bmp')).toMatchObject({ state: 'failed', reason: expect.stringContaining('BMP images are not supported') });
    expect(item('/photo.avif')).toMatchObject({ state: 'failed', reason: expect.stringContaining('SVG images are not supported') });
    expect(status.contents).toEqual([]);
  });

  it('item 6: a stored BMP ends failed in the hasher with the reason, logged at info', async () => {
    const ev = await storeContent(pipeline, bmpImage(), 'image/bmp');
    await hashContent(pipeline.ctx, ev);
    expect(await contentRow(pipeline, ev.contentId)).toEqual({ state: 'failed', reason: expect.stringContaining('BMP images are not supported') });
    const line = logLines().find((l) => l.contentId === ev.contentId);
    expect(line).toMatchObject({ level: 30, reportId: ev.reportId, reason: expect.stringContaining('BMP images are not supported') });
  });

  it('item 5: an SVG behind "<!--ftypavif-->", stored as AVIF, ends failed as SVG instead of being rendered', async () => {
    const ev = await storeContent(pipeline, svgDisguisedAsAvif(3000, 3000), 'image/avif');
    await hashContent(pipeline.ctx, ev);
    expect(await contentRow(pipeline, ev.contentId)).toEqual({ state: 'failed', reason: expect.stringContaining('SVG images are not supported') });
  });

  it('item 5: content whose bytes are not the format it was stored as ends failed, naming both', async () => {
    const ev = await storeContent(pipeline, await syntheticPng(32, 32, 3), 'image/avif');
    await hashContent(pipeline.ctx, ev);
    expect(await contentRow(pipeline, ev.contentId)).toEqual({ state: 'failed', reason: 'content stored as AVIF is PNG by its bytes' });
  });

  it('item 17: one info line per content hashed and per failure, with ids and image facts only', async () => {
    const description = 'reporter text that must not be logged';
    const form = new FormData();
    form.append('urls', 'https://example.org/page');
    form.append('description', description);
    form.append('images', new Blob([await texturedPng(64, 48, 5)]), 'a.png');
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form, headers: { 'user-agent': 'ReporterBrowser/1.0' } });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const contentId = await waitFor('the upload to be hashed', async () => {
      const r = await pipeline.ctx.db.query<{ id: string }>(`SELECT id FROM contents WHERE report_id = $1 AND state = 'hashed'`, [reportId]);
      return r.rows[0]?.id;
    });
    const hashed = await waitFor('the hashed line', async () => logLines().filter((l) => l.contentId === contentId && l.msg === 'content hashed'));
    expect(hashed).toHaveLength(1);
    const { level, time, pid, hostname, msg, ...fields } = hashed[0]!;
    expect(level).toBe(30);
    expect(fields).toEqual({ contentId, reportId, mime: 'image/png', width: 64, height: 48, pdqQuality: expect.any(Number), weakPdq: expect.any(Boolean) });
    expect(fields.weakPdq).toBe((fields.pdqQuality as number) < 50);

    const ev = await storeContent(pipeline, bmpImage(), 'image/bmp');
    await hashContent(pipeline.ctx, ev);
    await hashContent(pipeline.ctx, ev); // a redelivery changes nothing and logs nothing more
    const failed = logLines().filter((l) => l.contentId === ev.contentId);
    expect(failed).toHaveLength(1);
    const { level: failedLevel, time: _t, pid: _p, hostname: _h, msg: _m, ...failedFields } = failed[0]!;
    expect(failedLevel).toBe(30);
    expect(failedFields).toEqual({ contentId: ev.contentId, reportId: ev.reportId, reason: expect.stringContaining('BMP images are not supported') });

    const all = logs.lines.join('\n');
    expect(all).not.toContain(description);
    expect(all).not.toContain('ReporterBrowser');
  });
});
