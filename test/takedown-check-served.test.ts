import { createHash } from 'node:crypto';
import { checkServed } from '@hotline/takedown-service/src/check-served';
import type { CaseItem } from '@hotline/takedown';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { testConfig } from './support/pipeline';
import { syntheticVideo } from './support/videos';

/** What a takedown re-check makes of what a confirmed URL now serves (an image, a video, a page showing either). */
describe('item 11/12: re-checking a confirmed URL', () => {
  let site: HostingSite;
  let video: Buffer;
  let cfg: ReturnType<typeof testConfig>;
  const item = (bytes: Buffer): CaseItem => ({
    itemId: '00000000-0000-4000-8000-000000000001',
    decisionId: '1',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    md5: null,
    sha1: null,
    pdq: null,
    active: true,
  });

  beforeAll(async () => {
    video = await syntheticVideo('testsrc2=size=160x120:rate=10', 2);
    site = await startHostingSite({
      '/clip.mp4': { headers: { 'content-type': 'video/mp4' }, body: video },
      '/page.html': {
        headers: { 'content-type': 'text/html' },
        body: '<html><body><video controls><source src="/clip.mp4" type="video/mp4"></video></body></html>',
      },
      '/other.mp4': { headers: { 'content-type': 'video/mp4' }, body: await syntheticVideo('mandelbrot=size=160x120:rate=10', 2) },
      '/picture.png': { headers: { 'content-type': 'image/png' }, body: await syntheticPng(120, 90, 5) },
    });
    cfg = testConfig({ FETCH_ALLOW_HOSTS: site.hostPort });
  }, 60000);
  afterAll(() => site?.close());

  it('finds a confirmed video still served at its URL, and on a page that embeds it', async () => {
    expect(await checkServed(cfg as never, `${site.url}/clip.mp4`, [item(video)])).toMatchObject({
      outcome: 'present',
      detail: expect.stringMatching(/SHA-256/),
    });
    expect(await checkServed(cfg as never, `${site.url}/page.html`, [item(video)])).toMatchObject({ outcome: 'present' });
  });

  it('cannot confirm a URL confirmed without hashes from a 200 (a "file removed" page answers 200 too)', async () => {
    const unhashed: CaseItem = { ...item(video), sha256: null };
    expect(await checkServed(cfg as never, `${site.url}/picture.png`, [unhashed])).toMatchObject({ outcome: 'unreachable', httpStatus: 200 });
    expect(await checkServed(cfg as never, `${site.url}/gone.png`, [unhashed])).toMatchObject({ outcome: 'absent', httpStatus: 404 });
  });

  it('counts another video, a picture or a 404 at the URL as gone', async () => {
    expect((await checkServed(cfg as never, `${site.url}/other.mp4`, [item(video)])).outcome).toBe('absent');
    expect((await checkServed(cfg as never, `${site.url}/picture.png`, [item(video)])).outcome).toBe('absent');
    expect(await checkServed(cfg as never, `${site.url}/gone.mp4`, [item(video)])).toMatchObject({ outcome: 'absent', httpStatus: 404 });
  });
});
