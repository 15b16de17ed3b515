import { hashVideo } from '@hotline/hashing';
import { importVideoList } from '@hotline/hash-lists';
import { hashContent } from '@hotline/hasher';
import { contentRow, storeContent } from './support/stored-content';
import { createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { ftypThenNoise, reencodeVideo, syntheticVideo } from './support/videos';
import { inProcessTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const hashOpts = { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxSeconds: 1800, maxBytes: 50_000_000, timeoutSeconds: 60, frameMaxSide: 512 };

/** Issue 12 item 2: videos reported by URL are hashed frame by frame and matched against a video list (vPDQ). */
describe('videos through the pipeline', () => {
  let testDb: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    testDb = await createPgTestDb('videos');
    const original = await syntheticVideo('testsrc2=size=320x240:rate=25', 10);
    const copy = await reencodeVideo(original, ['-vf', 'scale=240:-2', '-crf', '32', '-c:v', 'libx264']);
    const other = await syntheticVideo('mandelbrot=size=320x240:rate=25', 10);
    const known = await hashVideo(original, hashOpts);
    await importVideoList(
      testDb.db,
      { name: 'known-videos', source: 'test' },
      known.frames.map((f) => ({ videoId: 'v-1', timestampMs: f.timestampMs, pdq: f.pdq, quality: f.quality, category: 'A' })),
    );
    site = await startHostingSite({
      '/copy.mp4': { headers: { 'content-type': 'video/mp4' }, body: copy },
      '/other.mp4': { headers: { 'content-type': 'video/mp4' }, body: other },
      '/page.html': {
        headers: { 'content-type': 'text/html' },
        body: '<html><body><video controls><source src="/copy.mp4" type="video/mp4"></video></body></html>',
      },
    });
    pipeline = await startPipeline({
      db: testDb.db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      env: { FETCH_ALLOW_HOSTS: site.hostPort, VIDEO_TIMEOUT_SECONDS: '10' },
    });
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  async function videoMatchesOf(reportId: string) {
    return waitFor(
      'the video to be matched',
      async () => {
        const r = await pipeline.ctx.db.query<{
          content_id: string;
          video_id: string;
          query_matched: number;
          query_frames: number;
          known_matched: number;
          known_frames: number;
          timestamps_ms: number[];
        }>(
          `SELECT c.id AS content_id, vm.video_id, vm.query_matched, vm.query_frames, vm.known_matched, vm.known_frames, vm.timestamps_ms
             FROM contents c JOIN match_runs mr ON mr.content_id = c.id LEFT JOIN video_matches vm ON vm.content_id = c.id WHERE c.report_id = $1`,
          [reportId],
        );
        return r.rows.length > 0 ? r.rows : undefined;
      },
      60_000,
    );
  }

  it('matches a re-encoded, rescaled copy reported by URL, listing the matching timestamps', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/copy.mp4`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const [m] = await videoMatchesOf(reportId);
    expect(m).toMatchObject({ video_id: 'v-1' });
    expect(m!.query_matched / m!.query_frames).toBeGreaterThanOrEqual(0.5);
    expect(m!.known_matched / m!.known_frames).toBeGreaterThanOrEqual(0.5);
    expect(m!.timestamps_ms.length).toBe(m!.query_matched);
    const frames = await pipeline.ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM content_frames WHERE content_id = $1', [m!.content_id]);
    expect(Number(frames.rows[0]!.n)).toBe(10);
    const item = await waitFor('a review item', async () => {
      const r = await pipeline.ctx.db.query<{ known_material: boolean }>(
        'SELECT i.known_material FROM review_sources s JOIN review_items i ON i.id = s.item_id WHERE s.content_id = $1',
        [m!.content_id],
      );
      return r.rows[0];
    });
    expect(item.known_material).toBe(true);
  }, 90_000);

  it('finds the video of a page through <source src> inside <video>', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/page.html`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const [m] = await videoMatchesOf(reportId);
    expect(m).toMatchObject({ video_id: 'v-1' });
  }, 90_000);

  it('does not match an unrelated synthetic video', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/other.mp4`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const rows = await videoMatchesOf(reportId);
    expect(rows).toEqual([expect.objectContaining({ video_id: null })]);
  }, 90_000);

  it('ends a truncated and a hostile video failed with a reason within the time cap, then still hashes an image', async () => {
    const original = await syntheticVideo('testsrc2=size=320x240:rate=25', 10);
    const truncated = await storeContent(pipeline, original.subarray(0, Math.floor(original.length * 0.3)), 'video/mp4');
    const noise = await storeContent(pipeline, ftypThenNoise(300_000), 'video/mp4');
    const t0 = Date.now();
    for (const ev of [truncated, noise]) await hashContent(pipeline.ctx, ev);
    expect(Date.now() - t0).toBeLessThan(2 * 10_000);
    for (const ev of [truncated, noise]) expect(await contentRow(pipeline, ev.contentId)).toEqual({ state: 'failed', reason: expect.any(String) });
    expect((await contentRow(pipeline, truncated.contentId)).reason).toMatch(/not a readable video|could not be decoded/);
    const image = await storeContent(pipeline, await syntheticPng(64, 48, 3), 'image/png');
    await hashContent(pipeline.ctx, image);
    expect((await contentRow(pipeline, image.contentId)).state).toBe('hashed');
  }, 90_000);
});
