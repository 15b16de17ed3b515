import sharp from 'sharp';
import { hashVideo, type HashedVideo } from '@hotline/hashing';
import { importVideoList } from '@hotline/hash-lists';
import { importRows } from './support/hash-lists';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { getReport, inProcessTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';
import { createUser, loginAs, type ReviewClient } from './support/review-session';
import { createPgliteTestDb, type TestDb } from './support/test-db';
import { syntheticVideo } from './support/videos';

const hashOpts = { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxSeconds: 1800, maxBytes: 50_000_000, timeoutSeconds: 60, frameMaxSide: 512 };

/** Issue 12 item 2: the review API of a video item — matched frames, blurred frame thumbnails, and the audited video reveal. */
describe('video items in the review API (embedded pipeline)', () => {
  const logs = new LogCapture();
  let testDb: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  let video: Buffer;
  let known: HashedVideo;
  let analyst: ReviewClient;
  let itemId: string;
  let contentId: string;

  beforeAll(async () => {
    video = await syntheticVideo('testsrc2=size=320x240:rate=25', 6);
    known = await hashVideo(video, hashOpts);
    testDb = await createPgliteTestDb();
    await importVideoList(
      testDb.db,
      { name: 'known-videos', source: 'test' },
      known.frames.map((f) => ({ videoId: 'v-1', timestampMs: f.timestampMs, pdq: f.pdq, quality: f.quality, category: 'A' })),
    );
    // Two frames of it as a PDQ list too: a list match that names the frames which hit it.
    const frameAt = (t: number) => known.frames.find((f) => f.timestampMs === t)!;
    await importRows(testDb.db, { list: 'frame-list', type: 'pdq', rows: [2000, 3000].map((t) => ({ hash: frameAt(t).pdq, category: 'B', quality: 100 })) });
    site = await startHostingSite({ '/clip.mp4': { headers: { 'content-type': 'video/mp4' }, body: video } });
    pipeline = await startPipeline({ db: testDb.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort } });
    analyst = await loginAs(pipeline.reviewUrl, await createUser(testDb.db, pipeline.ctx.secrets.accountsKey, { role: 'analyst' }));

    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/clip.mp4`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const item = await waitFor(
      'the video item',
      async () => {
        const r = await getReport(pipeline.reviewUrl, reportId);
        return (r.reviewItems as Array<{ id: string; kind: string; contentId: string }>).find((i) => i.kind === 'content');
      },
      60_000,
    );
    itemId = item.id;
    contentId = item.contentId;
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  const codeOf = async (res: Response) => [res.status, ((await res.json()) as { error?: { code?: string } }).error?.code];

  /** A JPEG or PNG at most 160 px on its longer side, every pixel grey (r = g = b). */
  async function expectBlurredThumbnail(res: Response): Promise<void> {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/(jpeg|png)$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const raw = await sharp(Buffer.from(await res.arrayBuffer()))
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.max(raw.info.width, raw.info.height)).toBeLessThanOrEqual(160);
    let colour = 0;
    for (let p = 0; p < raw.data.length; p += raw.info.channels) if (raw.data[p] !== raw.data[p + 1] || raw.data[p + 1] !== raw.data[p + 2]) colour++;
    expect(colour).toBe(0);
  }

  it('describes a video item as media video with its duration, frame count and the matched frames of each list and known video', async () => {
    const res = await analyst.get(`/api/items/${itemId}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as Record<string, any>;
    expect(detail).toMatchObject({ media: 'video', image: null, knownMaterial: true, mime: 'video/mp4' });
    expect(detail.video).toMatchObject({ mime: 'video/mp4', width: 320, height: 240, frameCount: 6 });
    expect(Math.abs(detail.video.durationMs - 6000)).toBeLessThan(200);
    expect(detail.video.videoMatches).toEqual([
      expect.objectContaining({ listName: 'known-videos', videoId: 'v-1', category: 'A', queryShare: 1, knownShare: 1, queryMatched: 6, knownFrames: 6 }),
    ]);
    expect(detail.video.videoMatches[0].timestampsMs).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    const frameHits = detail.video.listMatches.filter((m: { listName: string }) => m.listName === 'frame-list');
    expect(frameHits.length).toBeGreaterThanOrEqual(1);
    expect(frameHits.flatMap((m: { timestampsMs: number[] }) => m.timestampsMs)).toEqual(expect.arrayContaining([2000, 3000]));
    for (const m of frameHits) expect(m.frameCount).toBe(m.timestampsMs.length);
    expect(detail.video.matchedFramesMs).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('serves a sampled frame, and the queue thumbnail (the first frame), blurred, grey and at most 160 px', async () => {
    await expectBlurredThumbnail(await analyst.get(`/api/items/${itemId}/frames/2000/thumbnail`));
    await expectBlurredThumbnail(await analyst.get(`/api/items/${itemId}/thumbnail`));
    // Different frames of a moving pattern: not the same picture twice.
    const a = Buffer.from(await (await analyst.get(`/api/items/${itemId}/frames/0/thumbnail`)).arrayBuffer());
    const b = Buffer.from(await (await analyst.get(`/api/items/${itemId}/frames/5000/thumbnail`)).arrayBuffer());
    expect(a.equals(b)).toBe(false);
  }, 30_000);

  it('refuses a frame time that was not sampled, or not a number, with 400', async () => {
    for (const t of ['2500', '6000', '-1', 'abc', '1e3', '99999999999'])
      expect(await codeOf(await analyst.get(`/api/items/${itemId}/frames/${t}/thumbnail`))).toEqual([400, 'invalid_request']);
  });

  it('refuses to reveal the video without the lease (403 lease_required); with it, sends the bytes, audited and counted', async () => {
    expect(await codeOf(await analyst.get(`/api/items/${itemId}/video`))).toEqual([403, 'lease_required']);
    const claimed = await analyst.post('/api/queue/claim');
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as { id: string }).id).toBe(itemId);
    // A video is never revealed as an image.
    expect(await codeOf(await analyst.get(`/api/items/${itemId}/image`))).toEqual([400, 'invalid_request']);
    const res = await analyst.get(`/api/items/${itemId}/video`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await res.arrayBuffer()).equals(video)).toBe(true);
    const audit = await testDb.db.query<{ actor: string; details: unknown }>(
      `SELECT actor, details FROM audit_log WHERE action = 'item.revealed' AND subject = $1`,
      [itemId],
    );
    expect(audit.rows).toEqual([{ actor: analyst.user.id, details: { contentId, media: 'video' } }]);
    expect(((await (await analyst.get('/api/me/exposure')).json()) as { today: number }).today).toBe(1);
  });

  it('answers 410 content_missing for the video, its frames and its thumbnail once retention deleted the bytes, and audits nothing', async () => {
    await testDb.db.query('UPDATE contents SET bytes_deleted_at = now() WHERE id = $1', [contentId]);
    await testDb.db.query('DELETE FROM content_blobs WHERE key = $1', [`content/${contentId}`]);
    for (const path of ['video', 'thumbnail', 'frames/1000/thumbnail'])
      expect(await codeOf(await analyst.get(`/api/items/${itemId}/${path}`))).toEqual([410, 'content_missing']);
    const reveals = await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'item.revealed' AND subject = $1`, [itemId]);
    expect(reveals.rows[0]!.n).toBe(1);
    const detail = (await (await analyst.get(`/api/items/${itemId}`)).json()) as Record<string, any>;
    expect(detail.video.frameCount).toBe(6);
  });
});
