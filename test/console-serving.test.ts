import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listen, type Listening } from '@hotline/platform';
import { buildReviewApp, createReviewService, type ReviewContext } from '@hotline/review';
import { ensureConsoleBuilt } from './support/browser';
import { LogCapture, startEmbedded, stopEmbedded } from './support/pipeline';

/** Issue 9 item 1: the review service serves the console's build under a strict CSP, the API beside it. */
describe('review console: serving the single-page app', () => {
  const logs = new LogCapture();
  let running: Awaited<ReturnType<typeof startEmbedded>>;
  let url: string;
  let indexHtml: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    running = await startEmbedded(logs, { factories: [createReviewService] });
    url = running.pipeline.reviewUrl;
    indexHtml = fs.readFileSync(path.join(__dirname, '../services/review/console/dist/index.html'), 'utf8');
  });
  afterAll(() => stopEmbedded(running));

  it('answers / with index.html, no-store, under the console CSP', async () => {
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(indexHtml);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' blob: data:",
      "connect-src 'self'",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('the built index.html has no inline script or style for the CSP to block', () => {
    expect(indexHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(indexHtml).not.toMatch(/<style\b/);
    expect(indexHtml).not.toMatch(/\sstyle=/);
  });

  it('caches hashed assets for a year and nothing else', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(indexHtml)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  });

  it('falls back to index.html for a screen path, so a reload of /items/… shows the console', async () => {
    const res = await fetch(`${url}/items/0b3c0d4e-0000-4000-8000-000000000000`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(indexHtml);
  });

  it('keeps /api answers JSON: an unknown API path is the JSON 404, the queue still needs a principal', async () => {
    const missing = await fetch(`${url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('not_found');
    expect((await fetch(`${url}/api/queue`)).status).toBe(401);
    expect((await fetch(`${url}/api/queue`, { headers: { authorization: `Bearer ${running.pipeline.reviewToken}` } })).status).toBe(200);
  });

  it('answers index.html only for the screens: an unknown path (/metrics, a probe) stays the JSON 404', async () => {
    for (const screen of ['/dashboard', '/account', '/admin', '/files', '/reports/r1', '/items/i1/']) {
      expect([screen, (await fetch(`${url}${screen}`)).status]).toEqual([screen, 200]);
    }
    for (const unknown of ['/metrics', '/wp-login.php', '/items', '/items/a/b', '/.env']) {
      const res = await fetch(`${url}${unknown}`);
      expect([unknown, res.status]).toEqual([unknown, 404]);
      expect(((await res.json()) as any).error.code).toBe('not_found');
    }
  });

  it('does not serve index.html for a state-changing request outside /api', async () => {
    const res = await fetch(`${url}/items/x`, { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('answers a clear 503 when the console is not built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-no-console-'));
    let server: Listening | undefined;
    try {
      server = await listen(buildReviewApp(running.pipeline.ctx as unknown as ReviewContext, { consoleDist: empty }), '127.0.0.1', 0, 'REVIEW_PORT');
      const res = await fetch(`${server.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:console');
    } finally {
      await server?.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
