import { IMAGE_FORMAT_LABELS } from '@hotline/hashing';
import { createIntakeService } from '@hotline/intake-web';
import { createReviewService } from '@hotline/review';
import type { TestDb } from './support/test-db';
import { syntheticPng } from './support/images';
import { LogCapture, postReport, startEmbedded, stopEmbedded, type RunningPipeline } from './support/pipeline';

const factories = [createReviewService, createIntakeService];

async function reportCount(t: TestDb): Promise<number> {
  return (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0]!.n;
}

describe('item 13: the public form with uploads off (the default)', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => ({ testDb, pipeline } = await startEmbedded(logs, { factories, env: { HOTLINE_NAME: 'Meldpunt Testland' } })));
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('item 13: the form has no file field and says not to download, screenshot or forward', async () => {
    const html = await (await fetch(`${pipeline.intakeUrl}/?lang=en`)).text();
    expect(html).not.toContain('type="file"');
    expect(html).not.toContain('multipart/form-data');
    expect(html).not.toMatch(/screenshots or images/i);
    expect(html).toMatch(/do not download, screenshot or forward/i);
    expect(html).toContain('Meldpunt Testland');
    expect(html).toContain('href="/privacy?lang=en"');
    expect(html).toMatch(/what happens next/i);
  });

  it('item 13: refuses a multipart report that carries a file, on the API and the form, and stores nothing', async () => {
    const before = await reportCount(testDb);
    const form = new FormData();
    form.append('urls', 'https://example.org/page');
    form.append('images', new Blob([await syntheticPng(32, 32, 1)]), 'a.png');
    const api = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
    expect(api.status).toBe(403);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('uploads_disabled');
    expect(body.error.message).toMatch(/do not (send|upload)/i);
    const page = await fetch(`${pipeline.intakeUrl}/report?lang=en`, { method: 'POST', body: form });
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/do not (send|upload)/i);
    expect(await reportCount(testDb)).toBe(before);
  });

  it('item 13: a multipart report without files still works', async () => {
    const form = new FormData();
    form.append('urls', 'https://example.org/only-a-url');
    expect((await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form })).status).toBe(202);
  });

  it('item 13: the thanks page says what happens next', async () => {
    const form = new FormData();
    form.append('urls', 'https://example.org/thanks');
    const res = await fetch(`${pipeline.intakeUrl}/report?lang=en`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await res.text()).toMatch(/what happens next/i);
  });

  it('item 13: serves its own privacy statement in four languages, about nothing kept of the reporter', async () => {
    const seen = new Set<string>();
    for (const lang of ['nl', 'en', 'fr', 'de']) {
      const res = await fetch(`${pipeline.intakeUrl}/privacy?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('Meldpunt Testland');
      expect(html).not.toMatch(/href="https?:/);
      seen.add(html.replace(/<[^>]+>/g, ''));
    }
    expect(seen.size).toBe(4);
    expect(await (await fetch(`${pipeline.intakeUrl}/privacy?lang=en`)).text()).toMatch(/IP address/);
  });
});

describe('item 13: the public form with uploads switched on', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(
    async () =>
      ({ testDb, pipeline } = await startEmbedded(logs, {
        factories,
        env: { INTAKE_UPLOADS_ENABLED: 'true', HOTLINE_PRIVACY_URL: 'https://hotline.example/privacy' },
      })),
  );
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('item 13: offers a file field naming the supported formats and links the configured privacy statement', async () => {
    const html = await (await fetch(`${pipeline.intakeUrl}/?lang=en`)).text();
    expect(html).toContain('type="file"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain(IMAGE_FORMAT_LABELS.join(', '));
    expect(html).toContain('href="https://hotline.example/privacy"');
  });

  it('item 13: accepts an uploaded image', async () => {
    const form = new FormData();
    form.append('images', new Blob([await syntheticPng(32, 32, 2)]), 'a.png');
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { uploads: number }).uploads).toBe(1);
  });
});

describe('item 17: the intake log line', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => ({ testDb, pipeline } = await startEmbedded(logs, { factories, env: { INTAKE_TRUST_PROXY: '1' } })));
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('item 17: one info line per accepted report with reportId, urls, uploads and source, nothing about the reporter', async () => {
    const headers = { 'user-agent': 'ProbeUA/17 (reporter)', 'x-forwarded-for': '203.0.113.17' };
    const res = await postReport(pipeline.intakeUrl, { urls: ['https://example.org/a', 'https://example.org/b'] }, headers);
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const form = new FormData();
    form.append('urls', 'https://example.org/c');
    expect((await fetch(`${pipeline.intakeUrl}/report`, { method: 'POST', body: form, headers })).status).toBe(201);

    const accepted = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'report accepted');
    expect(accepted).toHaveLength(2);
    const line = accepted.find((l) => l.reportId === reportId)!;
    expect(line).toMatchObject({ level: 30, reportId, urls: 2, uploads: 0, source: 'web' });
    for (const l of logs.lines) {
      expect(l).not.toContain('203.0.113.17');
      expect(l).not.toContain('ProbeUA');
      expect(l).not.toContain('example.org/a');
    }
  });
});
