import { createReviewService } from '@hotline/review';
import { hashVideo } from '@hotline/hashing';
import { importVideoList } from '@hotline/hash-lists';
import { createFetcherService } from '@hotline/fetcher';
import { createHasherService } from '@hotline/hasher';
import { createIntakeService } from '@hotline/intake-web';
import { createMatcherService } from '@hotline/matcher';
import { firstLoginWithOtp, type ConsoleBrowser } from './support/browser';
import { consoleInChromium } from './support/console-suite';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { LogCapture, postReport, waitFor, type RunningPipeline } from './support/pipeline';
import { createUser, type TestUser } from './support/review-session';
import type { TestDb } from './support/test-db';
import { syntheticVideo } from './support/videos';

/** Pixels of an <img> in the page that are not grey (r, g, b more than 2 apart), and its size. Runs in the page. */
const colourOf = (img: any) => {
  const c = (globalThis as any).document.createElement('canvas');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d: Uint8ClampedArray = g.getImageData(0, 0, c.width, c.height).data;
  let colour = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - d[i + 1]!) > 2 || Math.abs(d[i + 1]! - d[i + 2]!) > 2) colour++;
  return { w: img.naturalWidth as number, h: img.naturalHeight as number, colour };
};

/**
 * Issue 12 item 2 in Chromium: a synthetic video (ffmpeg's test pattern, never real footage) reported from a local
 * hosting site matches a known video; the analyst claims it, sees the matched frames as server-blurred thumbnails
 * with their times and the known video's shares, reveals it, and it plays muted, blurred and grey unless held.
 */
describe('review console: a video item in Chromium', () => {
  const logs = new LogCapture();
  let site: HostingSite;
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let b: ConsoleBrowser;
  let origin: string;
  let analyst: TestUser;
  let itemId: string;
  let known: Awaited<ReturnType<typeof hashVideo>>;
  const requests: string[] = [];

  const suite = consoleInChromium(logs, {
    async embedded() {
      // VP8 in WebM: a codec every Chromium build plays.
      const video = await syntheticVideo('testsrc2=size=320x240:rate=25', 4, ['-c:v', 'libvpx', '-b:v', '400k', '-deadline', 'realtime'], 'webm');
      known = await hashVideo(video, {
        ffmpegPath: 'ffmpeg',
        ffprobePath: 'ffprobe',
        maxSeconds: 60,
        maxBytes: 50_000_000,
        timeoutSeconds: 60,
        frameMaxSide: 512,
      });
      site = await startHostingSite({ '/clip.webm': { headers: { 'content-type': 'video/webm' }, body: video } });
      return {
        env: { FETCH_ALLOW_HOSTS: site.hostPort },
        factories: [createIntakeService, createFetcherService, createHasherService, createMatcherService, createReviewService],
      };
    },
    async prepare(r) {
      running = r;
      const db = running.testDb.db;
      await importVideoList(
        db,
        { name: 'known-videos', source: 'test' },
        known.frames.map((f) => ({ videoId: 'synthetic-1', timestampMs: f.timestampMs, pdq: f.pdq, quality: f.quality, category: 'A' })),
      );
      // Imported after the start: the matcher's video index takes it in at its next refresh (MATCH_REFRESH_MS).
      await waitFor('the matcher to take in the video list', async () => logs.lines.some((l) => l.includes('known-video index rebuilt')));
      analyst = await createUser(db, running.pipeline.ctx.secrets.accountsKey, { role: 'analyst' });
      const res = await postReport(running.pipeline.intakeUrl, { urls: [`${site.url}/clip.webm`], description: 'console video test' });
      expect(res.status).toBe(202);
      await waitFor(
        'the video queued as known material',
        async () => {
          const r = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM review_items WHERE kind = 'content' AND status = 'pending' AND known_material`,
          );
          return r.rows[0]!.n === 1;
        },
        60_000,
      );
    },
    cleanup: async () => site?.close(),
    timeoutMs: 120_000,
  });
  beforeAll(() => {
    ({ b, origin } = suite);
    b.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  });

  it('the analyst sees the video in the queue as its first frame, blurred and grey by the server', async () => {
    await firstLoginWithOtp(b.page, origin, analyst);
    await b.page.getByTestId('queue-list').waitFor();
    const thumb = b.page.locator('[data-testid="queue-item"] img').first();
    await waitFor('the queue thumbnail decoded', async () => (await thumb.evaluate((i: any) => i.complete && i.naturalWidth > 0)) || undefined);
    const px = await thumb.evaluate(colourOf);
    expect(px.colour).toBe(0);
    expect(Math.max(px.w, px.h)).toBeLessThanOrEqual(160);
    await b.screenshot('video-01-queue');
  }, 30_000);

  it('claims it and sees the strip of matched frames, blurred, with their times and the known video’s shares; nothing loads before Reveal', async () => {
    requests.length = 0;
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('frame-strip').waitFor();
    itemId = /\/items\/([0-9a-f-]{36})/.exec(b.page.url())![1]!;
    expect(await b.page.locator('#item-title').textContent()).toContain('Video item');
    expect(await b.page.getByTestId('video-meta').textContent()).toMatch(/video\/webm · 320×240 · 00:04 · 4 frames sampled, 4 matched/);
    const frames = b.page.getByTestId('matched-frame');
    expect(await frames.count()).toBe(4);
    expect(await frames.evaluateAll((li) => li.map((l: any) => l.getAttribute('data-timestamp-ms')))).toEqual(['0', '1000', '2000', '3000']);
    expect(await frames.nth(2).textContent()).toContain('00:02');
    expect(await frames.nth(2).textContent()).toContain('known-videos: synthetic-1');
    expect(await b.page.getByTestId('video-match').textContent()).toMatch(
      /synthetic-1 of known-videos · category A: 100 % of this video’s frames \(4\/4\), 100 % of the known video’s \(4\/4\)/,
    );
    const imgs = b.page.locator('[data-testid="matched-frame"] img');
    await waitFor(
      'the frame thumbnails decoded',
      async () => (await imgs.evaluateAll((is) => is.every((i: any) => i.complete && i.naturalWidth > 0))) || undefined,
    );
    for (let i = 0; i < 4; i++) {
      const px = await imgs.nth(i).evaluate(colourOf);
      expect(px.colour).toBe(0);
      expect(Math.max(px.w, px.h)).toBeLessThanOrEqual(160);
    }
    expect(await b.page.getByTestId('video').count()).toBe(0);
    expect(requests.filter((p) => p.endsWith('/video') || p.endsWith('/image'))).toEqual([]);
    await b.screenshot('video-02-item-frames');
  }, 30_000);

  it('reveals the video: muted (and kept muted), blurred and grey at the analyst’s strength, clear only while held; the reveal is audited', async () => {
    const response = b.page.waitForResponse((r) => r.url().endsWith(`/api/items/${itemId}/video`));
    await b.page.getByTestId('reveal').click();
    expect((await response).status()).toBe(200);
    const video = b.page.getByTestId('video');
    await video.waitFor();
    await waitFor('the video decoded from its blob URL', async () => (await video.evaluate((v: any) => v.readyState >= 2)) || undefined);
    const state = await video.evaluate((v: any) => ({
      muted: v.muted as boolean,
      volume: v.volume as number,
      controls: v.controls as boolean,
      src: v.currentSrc as string,
      filter: (globalThis as any).getComputedStyle(v).filter as string,
      className: v.className as string,
    }));
    expect(state).toMatchObject({ muted: true, volume: 0, controls: true, className: 'revealed' });
    expect(state.src).toMatch(/^blob:/);
    expect(state.filter).toMatch(/blur\(\d+px\) grayscale\(1\)/);
    expect(await video.getAttribute('data-clear')).toBe('false');
    // Whatever unmutes it (a key, an extension, a script) is undone on volumechange.
    await video.evaluate((v: any) => {
      v.muted = false;
      v.volume = 1;
    });
    await waitFor('muted again', async () => (await video.evaluate((v: any) => v.muted && v.volume === 0)) || undefined);
    await video.evaluate((v: any) => v.play());
    await b.page.getByTestId('exposure-counter').getByText('Viewed today: 1').waitFor();
    await b.screenshot('video-03-revealed-blurred');

    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.down('h');
    await waitFor('clear while held', async () => (await video.getAttribute('data-clear')) === 'true' || undefined);
    // (after the 80 ms transition the image viewer has too)
    await waitFor(
      'no filter while held',
      async () => (await video.evaluate((v: any) => (globalThis as any).getComputedStyle(v).filter)) === 'none' || undefined,
    );
    await b.screenshot('video-04-held-clear');
    await b.page.keyboard.up('h');
    await waitFor('blurred again on release', async () => (await video.getAttribute('data-clear')) === 'false' || undefined);

    const audit = await running.testDb.db.query<{ actor: string; details: { media?: string } }>(
      `SELECT actor, details FROM audit_log WHERE action = 'item.revealed' AND subject = $1`,
      [itemId],
    );
    expect(audit.rows).toEqual([{ actor: analyst.id, details: expect.objectContaining({ media: 'video' }) }]);
  }, 30_000);
});
