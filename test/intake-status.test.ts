import { randomUUID } from 'node:crypto';
import type { Db } from '@hotline/platform';
import { createIntakeService } from '@hotline/intake-web';
import { closedReportsRule } from '@hotline/retention-rules';
import type { TestDb } from './support/test-db';
import { LogCapture, postReport, startEmbedded, stopEmbedded, type RunningPipeline } from './support/pipeline';

const factories = [createIntakeService];

async function everyRowAsText(db: Db): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  expect(tables.rows.map((t) => t.table_name)).toContain('report_pickup_codes');
  const parts: string[] = [];
  for (const { table_name } of tables.rows)
    parts.push(...(await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table_name} t`)).rows.map((x) => x.row));
  return parts.join('\n');
}

async function lookUp(intakeUrl: string, reference: unknown, code: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${intakeUrl}/api/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference, code }),
  });
  return { status: res.status, body: await res.json() };
}

async function submitForm(intakeUrl: string, lang: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(`${intakeUrl}/${fields.urls ? 'report' : 'status'}?lang=${lang}`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, html: await res.text() };
}

describe('issue 10 item 4: anonymous status for web reporters', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture('debug');

  beforeAll(
    async () => ({ testDb, pipeline } = await startEmbedded(logs, { factories, env: { LOG_LEVEL: 'debug', INTAKE_STATUS_RATE_LIMIT_PER_MINUTE: '1000' } })),
  );
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('gives a reference and a readable one-time code of at least 80 bits, and stores only a salted hash of it', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: ['https://example.org/status-1'] });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { reportId: string; pickupCode: string };
    // Five groups of four Crockford base32 symbols: 20 × 5 = 100 bits.
    expect(body.pickupCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    const dump = await everyRowAsText(testDb.db);
    expect(dump).toContain(body.reportId);
    for (const form of [body.pickupCode, body.pickupCode.replace(/-/g, ''), body.pickupCode.toLowerCase(), Buffer.from(body.pickupCode).toString('hex')])
      expect(dump).not.toContain(form);
    expect(logs.lines.join('\n')).not.toContain(body.pickupCode);
    const row = (
      await testDb.db.query<{ salt: Uint8Array; code_hash: Uint8Array }>('SELECT salt, code_hash FROM report_pickup_codes WHERE report_id = $1', [
        body.reportId,
      ])
    ).rows[0]!;
    expect(Buffer.from(row.salt)).toHaveLength(16);
    expect(Buffer.from(row.code_hash)).toHaveLength(32);
  });

  it('the right code shows the status in general terms: received, being assessed, assessed', async () => {
    const { reportId, pickupCode } = (await (await postReport(pipeline.intakeUrl, { urls: ['https://example.org/status-2'] })).json()) as Record<
      string,
      string
    >;
    expect(await lookUp(pipeline.intakeUrl, reportId, pickupCode)).toEqual({ status: 200, body: { reference: reportId, status: 'received' } });
    // Typed by hand: lower case, spaces instead of dashes, O for 0 — still the code.
    const typed = pickupCode!.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect((await lookUp(pipeline.intakeUrl, ` ${reportId!.toUpperCase()} `, typed)).body.status).toBe('received');

    // In the queue (a review source exists), then closed.
    const itemId = randomUUID();
    await testDb.db.query(`INSERT INTO review_items (id, kind, unresolved_key, url, reason, report_id) VALUES ($1, 'url', $1, 'x', 'refused', $2)`, [
      itemId,
      reportId,
    ]);
    await testDb.db.query(`INSERT INTO review_sources (source_key, item_id, report_id) VALUES ($1, $1, $2)`, [itemId, reportId]);
    expect((await lookUp(pipeline.intakeUrl, reportId, pickupCode)).body.status).toBe('being_assessed');
    await testDb.db.query(`UPDATE reports SET closed_at = now() WHERE id = $1`, [reportId]);
    expect((await lookUp(pipeline.intakeUrl, reportId, pickupCode)).body.status).toBe('assessed');
  });

  it('answers a wrong code, an unknown reference, malformed input and an anonymised report exactly alike', async () => {
    const { reportId, pickupCode } = (await (await postReport(pipeline.intakeUrl, { urls: ['https://example.org/status-3'] })).json()) as Record<
      string,
      string
    >;
    const wrongCode = pickupCode!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const answers = [
      await lookUp(pipeline.intakeUrl, reportId, wrongCode),
      await lookUp(pipeline.intakeUrl, randomUUID(), pickupCode),
      await lookUp(pipeline.intakeUrl, 'not-a-reference', pickupCode),
      await lookUp(pipeline.intakeUrl, reportId, 'short'),
      await lookUp(pipeline.intakeUrl, reportId, 42),
      await lookUp(pipeline.intakeUrl, undefined, undefined),
    ];
    // Expired: the report closed long ago and retention anonymised it, which removes the code.
    await testDb.db.query(`UPDATE reports SET closed_at = '2020-01-01T00:00:00Z' WHERE id = $1`, [reportId]);
    const rule = closedReportsRule({ months: 6 });
    await testDb.db.transaction(async (tx) => rule.apply(tx, await rule.find(tx, new Date('2026-01-01T00:00:00Z')), new Date('2026-01-01T00:00:00Z')));
    expect((await testDb.db.query('SELECT 1 FROM report_pickup_codes WHERE report_id = $1', [reportId])).rows).toHaveLength(0);
    answers.push(await lookUp(pipeline.intakeUrl, reportId, pickupCode));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toEqual({ status: 404, body: { error: { code: 'status_not_found', message: expect.stringMatching(/no report matches/i) } } });
  });

  it('the thanks page shows reference and code once; the status page works in nl, en, fr and de without a cookie', async () => {
    const thanks = await submitForm(pipeline.intakeUrl, 'de', { urls: 'https://example.org/status-4' });
    expect(thanks.status).toBe(201);
    const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(thanks.html)![1]!;
    const reference = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(thanks.html)![0];
    expect(thanks.html).toContain('Abholcode');
    const words = { nl: 'ontvangen', en: 'received', fr: 'reçu', de: 'eingegangen' };
    for (const [lang, word] of Object.entries(words)) {
      const form = await fetch(`${pipeline.intakeUrl}/status?lang=${lang}`);
      expect(form.status).toBe(200);
      expect(form.headers.get('set-cookie')).toBeNull();
      const ok = await submitForm(pipeline.intakeUrl, lang, { reference, code });
      expect(ok.status).toBe(200);
      expect(ok.html).toContain(`<strong>${word}</strong>`);
      const wrong = await submitForm(pipeline.intakeUrl, lang, { reference, code: 'AAAA-AAAA-AAAA-AAAA-AAAA' });
      expect(wrong.status).toBe(404);
      expect(wrong.html).toContain('role="alert"');
      expect(wrong.html).not.toContain('AAAA-AAAA');
    }
  });
});

describe('issue 10 item 4: status lookups are rate-limited', () => {
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => ({ testDb, pipeline } = await startEmbedded(logs, { factories, env: { INTAKE_STATUS_RATE_LIMIT_PER_MINUTE: '3' } })));
  afterAll(() => stopEmbedded({ testDb, pipeline }));

  it('refuses guessing beyond the limit with 429 and Retry-After, on the API and the form', async () => {
    const reference = randomUUID();
    for (let i = 0; i < 3; i++) expect((await lookUp(pipeline.intakeUrl, reference, 'AAAA-AAAA-AAAA-AAAA-AAAA')).status).toBe(404);
    const res = await fetch(`${pipeline.intakeUrl}/api/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference, code: 'AAAA-AAAA-AAAA-AAAA-AAAA' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/too many attempts/i);
    const form = await submitForm(pipeline.intakeUrl, 'nl', { reference, code: 'x' });
    expect(form.status).toBe(429);
    expect(form.html).toContain('Te veel pogingen');
  });
});
