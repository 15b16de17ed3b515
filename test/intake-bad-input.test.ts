import { HotlineError } from '@hotline/platform';
import { localizeError } from '../services/intake-web/src/error-messages';
import type { TestDb } from './support/test-db';
import { bombPng, syntheticPng } from './support/images';
import { getReport, LogCapture, postReport, startEmbedded, stopEmbedded, waitFor, type RunningPipeline } from './support/pipeline';

describe('intake with bad input', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(
    async () =>
      ({ testDb, pipeline } = await startEmbedded(logs, { env: { INTAKE_UPLOADS_ENABLED: 'true', INTAKE_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) } })),
  );
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  async function expectError(res: Response, status: number, code: string): Promise<Record<string, any>> {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: Record<string, any> };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    return body.error;
  }

  it('review: a scheme-less URL that is too long only once https:// is added gets 400 url_too_long, not a 500', async () => {
    for (const length of [2041, 2044, 2048]) {
      const url = `example.org/${'a'.repeat(length - 'example.org/'.length)}`;
      const error = await expectError(await postReport(pipeline.intakeUrl, { urls: [url] }), 400, 'invalid_request');
      expect(error.details).toEqual([expect.objectContaining({ field: 'urls', code: 'url_too_long', line: 1 })]);
      expect(error.message).not.toMatch(/publish/);
    }
  });

  it('review: an unknown 5xx never passes its own message through to the reporter', () => {
    const err = new HotlineError('some_new_failure', 'cannot publish url.reported v1: internal detail', { status: 500 });
    for (const lang of ['en', 'nl'] as const) {
      const { message } = localizeError(err, lang, { form: false, uploadsEnabled: false });
      expect(message).not.toMatch(/publish|internal detail/);
      expect(message).toBe(localizeError(new HotlineError('internal_error', 'x', { status: 500 }), lang, { form: false, uploadsEnabled: false }).message);
    }
    // A 4xx this table does not know keeps its own (reporter-facing) English message.
    expect(localizeError(new HotlineError('odd_request', 'Odd request.', { status: 400 }), 'en', { form: false, uploadsEnabled: false }).message).toBe(
      'Odd request.',
    );
  });

  it('refuses malformed JSON with a 400 that says so', async () => {
    await expectError(await postReport(pipeline.intakeUrl, '{"urls": ["https://example.org/",'), 400, 'invalid_json');
  });

  it('refuses 51 URLs, naming the limit', async () => {
    const urls = Array.from({ length: 51 }, (_, i) => `https://example.org/${i}`);
    const err = await expectError(await postReport(pipeline.intakeUrl, { urls }), 400, 'invalid_request');
    expect(err.message).toContain('at most 50 web addresses');
    expect(err.details).toEqual([{ field: 'urls', code: 'too_many_urls', problem: expect.stringContaining('50') }]);
  });

  it('refuses a description over 2000 characters', async () => {
    const err = await expectError(
      await postReport(pipeline.intakeUrl, { urls: ['https://example.org/'], description: 'x'.repeat(2001) }),
      400,
      'invalid_request',
    );
    expect(err.details).toEqual([{ field: 'description', code: 'too_long', problem: expect.stringContaining('2000') }]);
  });

  it('refuses a report without URLs and URLs that are not http(s)', async () => {
    await expectError(await postReport(pipeline.intakeUrl, { urls: [] }), 400, 'invalid_request');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.org/x.jpg', 'gopher://example.org/']) {
      const err = await expectError(await postReport(pipeline.intakeUrl, { urls: [url] }), 400, 'invalid_request');
      expect(err.message).toContain('http:// or https://');
      expect(err.details).toEqual([{ field: 'urls', line: 1, code: 'url_not_web', problem: expect.any(String) }]);
    }
    const err = await expectError(await postReport(pipeline.intakeUrl, { urls: ['not a url'] }), 400, 'invalid_request');
    expect(err.message).toContain('not a web address');
  });

  it('refuses a body that is neither JSON nor multipart', async () => {
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'https://example.org/' });
    await expectError(res, 415, 'unsupported_media');
  });

  it('refuses an upload that is not an image, whatever it claims to be', async () => {
    const form = new FormData();
    form.append('urls', 'https://example.org/page');
    form.append('images', new Blob([Buffer.from('%PDF-1.7 not an image')], { type: 'image/png' }), 'photo.png');
    const err = await expectError(await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form }), 415, 'unsupported_media');
    expect(err.message).toContain('File 1 is a PDF file, which we cannot take');
  });

  it('refuses an upload over the size cap', async () => {
    const form = new FormData();
    form.append('images', new Blob([Buffer.alloc(3 * 1024 * 1024, 1)]), 'big.png');
    await expectError(await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form }), 413, 'upload_too_large');
  });

  it('re-renders the form with the reason when the no-JavaScript form gets bad input', async () => {
    const form = new FormData();
    form.append('urls', 'ftp://example.org/a');
    form.append('description', 'kept');
    const res = await fetch(`${pipeline.intakeUrl}/report?lang=en`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your report was not sent');
    expect(html).toContain('http:// or https://');
    expect(html).toContain('>kept</textarea>');
  });

  it('accepts a decompression-bomb PNG but marks its content failed with the reason', async () => {
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const form = new FormData();
    form.append('images', new Blob([bomb]), 'bomb.png');
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const content = await waitFor('the bomb to be refused by the hasher', async () => {
      const status = await getReport(pipeline.reviewUrl, reportId);
      return status.contents.find((c: { state: string }) => c.state === 'failed');
    });
    expect(content.reason).toMatch(/exceeds the limit of \d+ pixels/);
    // It still reaches an analyst: a url item (nothing to show) with the hasher's reason.
    const item = await waitFor('the refused upload in the review queue', async () => (await getReport(pipeline.reviewUrl, reportId)).reviewItems[0]);
    expect(item).toMatchObject({ kind: 'url', status: 'pending', contentId: content.contentId, reason: content.reason });
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${pipeline.intakeUrl}/`)).status).toBe(200);
    const form = new FormData();
    form.append('images', new Blob([await syntheticPng(64, 48, 5)]), 'ok.png');
    form.append('description', 'fine');
    const res = await fetch(`${pipeline.intakeUrl}/report?lang=nl`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Bedankt voor je melding');
  });
});

describe('the report form', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => ({ testDb, pipeline } = await startEmbedded(logs, { env: { INTAKE_RATE_LIMIT_PER_MINUTE: '3' } })));
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('is served in Dutch, English, French and German without scripts or cookies', async () => {
    const nl = await fetch(`${pipeline.intakeUrl}/`, { headers: { 'accept-language': 'nl-NL,nl;q=0.9' } });
    const nlHtml = await nl.text();
    expect(nlHtml).toContain('<html lang="nl">');
    expect(nlHtml).toContain('Melding versturen');
    expect(nlHtml).not.toContain('<script');
    expect(nl.headers.get('set-cookie')).toBeNull();
    const en = await (await fetch(`${pipeline.intakeUrl}/?lang=en`)).text();
    expect(en).toContain('Send report');
    // Uploads are off by default (item 13): a plain URL-encoded form.
    expect(en).not.toContain('enctype="multipart/form-data"');
    for (const lang of ['nl', 'fr', 'de']) expect(en).toContain(`href="/?lang=${lang}"`);
    expect(await (await fetch(`${pipeline.intakeUrl}/?lang=fr`)).text()).toContain('Envoyer le signalement');
    expect(await (await fetch(`${pipeline.intakeUrl}/`, { headers: { 'accept-language': 'de-CH, de;q=0.9' } })).text()).toContain('Meldung senden');
  });

  it('limits how fast one client can report, without keeping its address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postReport(pipeline.intakeUrl, { urls: ['http://127.0.0.1:9/never-fetched'] })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});
