import { request } from 'node:http';
import { createIntakeService } from '@hotline/intake-web';
import { createReviewService } from '@hotline/review';
import type { TestDb } from './support/test-db';
import { LogCapture, postReport, startEmbedded, stopEmbedded, type RunningPipeline } from './support/pipeline';

/** A raw request, for bodies fetch() will not send (broken multipart). */
function rawPost(url: string, contentType: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('item 14: error messages and request formats', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(
    async () =>
      ({ testDb, pipeline } = await startEmbedded(logs, {
        factories: [createReviewService, createIntakeService],
        env: { INTAKE_RATE_LIMIT_PER_MINUTE: '30' },
      })),
  );
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  async function errorOf(res: Response): Promise<{ code: string; message: string; details?: Array<Record<string, unknown>> }> {
    return ((await res.json()) as { error: { code: string; message: string; details?: Array<Record<string, unknown>> } }).error;
  }

  it('item 14: the form names the bad line in plain words, in the page language', async () => {
    const expected: Record<string, RegExp> = {
      en: /Line 2: this is not a web address/,
      nl: /Regel 2: dit is geen webadres/,
      fr: /Ligne 2 : ce n’est pas une adresse web/,
      de: /Zeile 2: das ist keine Webadresse/,
    };
    for (const [lang, message] of Object.entries(expected)) {
      const res = await fetch(`${pipeline.intakeUrl}/report?lang=${lang}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ urls: 'https://example.org/ok\nnot a web address', description: 'kept' }).toString(),
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toMatch(message);
      expect(html).not.toMatch(/urls\.\d|zod|must be an http/);
      expect(html).toContain('>kept</textarea>');
    }
  });

  it('item 14: the API gives codes per field and a message in ?lang= or Accept-Language (English by default)', async () => {
    const bad = { urls: ['https://example.org/fine', 'ftp://example.org/x'], description: 'x'.repeat(2001) };
    const en = await errorOf(await postReport(pipeline.intakeUrl, bad));
    expect(en.code).toBe('invalid_request');
    expect(en.details).toEqual([
      { field: 'urls', line: 2, code: 'url_not_web', problem: expect.stringMatching(/^URL 2: /) },
      { field: 'description', code: 'too_long', problem: expect.stringContaining('2000') },
    ]);
    expect(en.message).toContain('URL 2');
    const fr = await errorOf(
      await fetch(`${pipeline.intakeUrl}/api/reports?lang=fr`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) }),
    );
    expect(fr.message).toMatch(/^Le signalement/);
    const de = await errorOf(await postReport(pipeline.intakeUrl, bad, { 'accept-language': 'de-DE,de;q=0.9' }));
    expect(de.message).toMatch(/^Die Meldung/);
  });

  it('item 14: accepts a web address without a scheme as https', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: ['www.example.org/x'] });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const rows = await testDb.db.query<{ url: string }>('SELECT url FROM report_urls WHERE report_id = $1', [reportId]);
    expect(rows.rows.map((r) => r.url)).toEqual(['https://www.example.org/x']);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/x']) {
      expect((await postReport(pipeline.intakeUrl, { urls: [url] })).status).toBe(400);
    }
  });

  it('item 14: refuses an unknown JSON field, naming it', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: ['https://example.org/'], colour: 'red' });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.message).toContain('colour');
    expect(err.details).toEqual([{ field: 'colour', code: 'unknown_field', problem: expect.stringContaining('colour') }]);
  });

  it('item 14: answers unknown paths with a JSON 404, on intake and review', async () => {
    for (const res of [
      await fetch(`${pipeline.intakeUrl}/no/such/page`),
      await fetch(`${pipeline.intakeUrl}/api/nothing`, { method: 'POST' }),
      await fetch(`${pipeline.reviewUrl}/api/nothing`, { headers: { authorization: `Bearer ${pipeline.reviewToken}` } }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });

  it('item 14: a URL-encoded POST works like a multipart one, on the form and the API', async () => {
    const body = new URLSearchParams({ urls: 'https://example.org/u1\nexample.org/u2', description: 'urlencoded' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const form = await fetch(`${pipeline.intakeUrl}/report?lang=en`, { method: 'POST', headers, body });
    expect(form.status).toBe(201);
    const api = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', headers, body });
    expect(api.status).toBe(202);
    expect(await api.json()).toMatchObject({ urls: 2, uploads: 0 });
  });

  it('item 14: malformed multipart is a 400 with a reason, not a 500', async () => {
    const part = '--xyz\r\nContent-Disposition: form-data; name="urls"\r\n\r\nhttps://example.org/t';
    for (const path of ['/api/reports', '/report?lang=en']) {
      const noBoundary = await rawPost(`${pipeline.intakeUrl}${path}`, 'multipart/form-data', part);
      const truncated = await rawPost(`${pipeline.intakeUrl}${path}`, 'multipart/form-data; boundary=xyz', part);
      for (const res of [noBoundary, truncated]) {
        expect(res.status).toBe(400);
        if (path === '/api/reports') expect(JSON.parse(res.body).error.code).toBe('malformed_body');
        else expect(res.body).toContain('Your report was not sent');
      }
    }
    expect(logs.lines.filter((l) => l.includes('"level":50'))).toEqual([]);
  });

  it('item 14: a URL-encoded body with too many fields is a 4xx with a reason, not a 500', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `f${i}=x`).join('&');
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await errorOf(res)).code).toBe('malformed_body');
  });

  it('item 14: a 429 says when to try again (Retry-After)', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 40; i++) {
      res = await postReport(pipeline.intakeUrl, { urls: ['https://example.org/rate'] });
      if (res.status === 429) break;
    }
    expect(res!.status).toBe(429);
    const seconds = Number(res!.headers.get('retry-after'));
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
  });
});
