import { extractImageUrls, safeFetch, type SafeFetchOptions } from '../src';
import { startHostingSite, type HostingSite } from '../../../test/support/hosting-site';
import { syntheticVideo } from '../../../test/support/videos';

const PAGE = 'https://example.test/dir/page.html';

describe('videos on pages', () => {
  it('yields <video src> and <source src> inside a video, and links to video files', () => {
    const html = `<video src="a.mp4" poster="p.jpg"></video>
      <video controls><source src="/b.webm" type="video/webm"><source src="c.mp4"></video>
      <source src="not-in-a-video.mp4"> <a href="d.mov">d</a> <a href="e.html">e</a>`;
    expect(extractImageUrls(html, PAGE, 50)).toEqual([
      'https://example.test/dir/a.mp4',
      'https://example.test/b.webm',
      'https://example.test/dir/c.mp4',
      'https://example.test/dir/d.mov',
    ]);
  });
});

describe('fetching a video', () => {
  let site: HostingSite;
  let video: Buffer;
  const options = (over: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
    timeoutMs: 10_000,
    maxBytes: 1000,
    maxVideoBytes: 5_000_000,
    maxRedirects: 2,
    allowHosts: [site.hostPort],
    userAgent: 'test',
    ...over,
  });

  beforeAll(async () => {
    video = await syntheticVideo('testsrc2=size=160x120:rate=10', 2);
    site = await startHostingSite({
      '/v.mp4': { headers: { 'content-type': 'application/octet-stream' }, body: video },
      '/big.html': { headers: { 'content-type': 'text/html' }, body: `<html><body>${'x'.repeat(5000)}</body></html>` },
    });
  }, 30_000);
  afterAll(() => site.close());

  it('sniffs a video from its bytes and allows it up to FETCH_MAX_VIDEO_BYTES', async () => {
    expect(video.length).toBeGreaterThan(1000);
    const got = await safeFetch(`${site.url}/v.mp4`, options());
    expect(got).toMatchObject({ kind: 'video', mime: 'video/mp4' });
    expect(got.bytes.equals(video)).toBe(true);
  });

  it('holds anything but a video to FETCH_MAX_BYTES', async () => {
    await expect(safeFetch(`${site.url}/big.html`, options())).rejects.toThrow('response is larger than 1000 bytes');
  });

  it('refuses a video over FETCH_MAX_VIDEO_BYTES', async () => {
    await expect(safeFetch(`${site.url}/v.mp4`, options({ maxVideoBytes: 2000 }))).rejects.toThrow('response is larger than 2000 bytes');
  });
});
