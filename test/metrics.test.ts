import fs from 'node:fs';
import path from 'node:path';
import { type Bus, type Db, type Service } from '@hotline/platform';
import { hashImage } from '@hotline/hashing';
import { importRows } from './support/hash-lists';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { bmpImage } from './support/foreign-images';
import { bombPng, syntheticPng } from './support/images';
import { families, sample, scrape } from './support/metrics-text';
import { getQueue, getReport, inProcessTestBus, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

/** The families issue 8 item 4 asks for, in every process's /metrics. */
const FAMILIES = [
  'hotline_http_requests_total',
  'hotline_http_request_duration_seconds',
  'hotline_bus_events_consumed_total',
  'hotline_bus_events_failed_total',
  'hotline_bus_events_retried_total',
  'hotline_bus_events_dead_lettered_total',
  'hotline_bus_handler_duration_seconds',
  'hotline_kafka_consumer_lag',
  'hotline_outbox_backlog',
  'hotline_outbox_oldest_age_seconds',
  'hotline_reports_accepted_total',
  'hotline_fetch_outcomes_total',
  'hotline_contents_hashed_total',
  'hotline_hash_failures_total',
  'hotline_hash_duration_seconds',
  'hotline_contents_matched_total',
  'hotline_review_queued_total',
  'hotline_matcher_index_hashes',
  'hotline_matcher_lookup_duration_seconds',
  'hotline_process_cpu_seconds_total',
];

function metricsUrl(services: Service[]): string {
  const s = services.find((x) => x.name === 'metrics') as (Service & { url(): string }) | undefined;
  if (!s) throw new Error('no metrics listener running');
  return s.url();
}

const modes: Array<[string, () => Promise<TestDb>, (logs: LogCapture) => Bus]> = [
  ['the embedded default (in-process bus, PGlite)', () => createPgliteTestDb(), (logs) => inProcessTestBus(logs.logger)],
  ['Kafka and PostgreSQL', () => createPgTestDb('metrics'), (logs) => kafkaTestBus(logs.logger)],
];

describe.each(modes)('metrics on %s', (mode, makeDb, makeBus) => {
  let testDb: TestDb;
  let db: Db;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    testDb = await makeDb();
    db = testDb.db;
    const known = await syntheticPng(320, 240, 41);
    site = await startHostingSite({
      '/known.png': { headers: { 'content-type': 'image/png' }, body: known },
      '/gone.png': { status: 404, body: 'not here' },
      '/odd.bmp': { headers: { 'content-type': 'image/bmp' }, body: bmpImage() },
      // 64 million pixels: fetched, then refused by the hasher before decoding.
      '/bomb.png': { headers: { 'content-type': 'image/png' }, body: bombPng(8000) },
      '/page.html': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><html><body><img src="known.png" alt=""><img src="gone.png" alt=""><img src="odd.bmp" alt=""><img src="bomb.png" alt=""></body></html>',
      },
    });
    const hashes = await hashImage(known, { maxInputPixels: 1e8 });
    await importRows(db, { list: 'metrics-known', source: 'own', type: 'sha256', rows: [{ hash: hashes.hashes.sha256, category: 'A1' }] });
    pipeline = await startPipeline({ db, bus: makeBus(logs), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort, METRICS_PORT: '0' } });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  it('item 4: a report journey moves the per-stage counters, and /metrics carries no id, URL or host', async () => {
    const base = metricsUrl(pipeline.services);
    const before = await scrape(base);
    expect(before.status).toBe(200);
    expect(before.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const declared = families(before.text);
    for (const f of FAMILIES) expect([f, declared.has(f)]).toEqual([f, true]);

    const description = 'metrics journey description 7f3a';
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/page.html`, 'http://10.1.2.3/private.png'], description });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const queued = await waitFor('the known image in the queue', async () => {
      const q = await getQueue(pipeline.reviewUrl);
      // The known image's content item: the report's url items (the 404, the refused address) queue first.
      return q.items.find((i) => i.reportId === reportId && i.kind === 'content' && i.knownMaterial);
    });
    await waitFor('the bomb refused by the hasher', async () => {
      const r = await db.query<{ state: string }>(`SELECT state FROM contents WHERE report_id = $1 AND state = 'failed'`, [reportId]);
      return r.rows.length === 1;
    });
    const status = await getReport(pipeline.reviewUrl, reportId);
    expect(status.items.map((i: { state: string }) => i.state).sort()).toEqual(['failed', 'failed', 'fetched', 'fetched', 'page', 'refused']);

    const after = await scrape(base);
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after.text, name, labels) - sample(before.text, name, labels);
    expect(moved('hotline_reports_accepted_total', { source: 'web' })).toBe(1);
    expect(moved('hotline_fetch_outcomes_total', { outcome: 'page', reason_class: 'none' })).toBe(1);
    expect(moved('hotline_fetch_outcomes_total', { outcome: 'fetched', reason_class: 'none' })).toBe(2);
    expect(moved('hotline_fetch_outcomes_total', { outcome: 'failed', reason_class: 'http_4xx' })).toBe(1);
    expect(moved('hotline_fetch_outcomes_total', { outcome: 'failed', reason_class: 'unsupported_format' })).toBe(1);
    expect(moved('hotline_fetch_outcomes_total', { outcome: 'refused', reason_class: 'refused_address' })).toBe(1);
    expect(moved('hotline_fetch_outcomes_total')).toBe(6);
    expect(moved('hotline_contents_hashed_total')).toBe(1);
    expect(moved('hotline_hash_failures_total', { reason_class: 'too_many_pixels' })).toBe(1);
    expect(moved('hotline_hash_duration_seconds_count')).toBe(2);
    expect(moved('hotline_contents_matched_total', { known: 'true' })).toBe(1);
    expect(moved('hotline_matcher_lookup_duration_seconds_count')).toBe(1);
    expect(moved('hotline_review_queued_total', { known: 'true' })).toBe(1);
    expect(sample(after.text, 'hotline_matcher_index_hashes', { hash_type: 'sha256' })).toBe(1);
    expect(moved('hotline_http_requests_total', { service: 'intake-web', method: 'POST', route: '/api/reports', status: '202' })).toBe(1);
    expect(moved('hotline_http_requests_total', { service: 'review', method: 'GET', route: '/api/reports/:id', status: '200' })).toBe(1);
    expect(moved('hotline_bus_events_consumed_total', { topic: 'url.reported', group: 'fetcher' })).toBe(2);
    expect(moved('hotline_bus_events_consumed_total', { topic: 'content.fetched', group: 'hasher' })).toBe(2);
    expect(moved('hotline_bus_events_consumed_total', { topic: 'content.hashed', group: 'matcher' })).toBe(1);
    expect(moved('hotline_bus_events_consumed_total', { topic: 'content.matched', group: 'review' })).toBe(1);
    expect(moved('hotline_bus_handler_duration_seconds_count', { topic: 'url.reported', group: 'fetcher' })).toBe(2);
    expect(moved('hotline_bus_events_dead_lettered_total')).toBe(0);
    expect(after.text).toMatch(/^hotline_outbox_backlog\{process="hotline"\} \d+$/m);
    if (mode === 'Kafka and PostgreSQL')
      expect(after.text).toMatch(/^hotline_kafka_consumer_lag\{.*topic="content\.matched",group="review",partition="\d+".*\} \d+$/m);

    // No label or value names the report, its items, its contents, the site or what the reporter wrote.
    const items = (
      await db.query<{ id: string }>('SELECT id FROM report_urls WHERE report_id = $1 UNION ALL SELECT id FROM contents WHERE report_id = $1', [reportId])
    ).rows;
    expect(items.length).toBe(8);
    for (const secret of [
      reportId,
      queued.contentId as string,
      ...items.map((i) => i.id),
      site.url,
      site.hostPort,
      '127.0.0.1',
      'known.png',
      'gone.png',
      'odd.bmp',
      'bomb.png',
      'page.html',
      '10.1.2.3',
      'private.png',
      description,
      pipeline.reviewToken,
    ]) {
      expect([secret, after.text.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('item 3: /metrics is only on the metrics port; the probes answer on every port, without the review token', async () => {
    for (const url of [pipeline.intakeUrl, pipeline.reviewUrl]) {
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${pipeline.reviewToken}` } });
      expect([url, res.status]).toEqual([url, 404]);
    }
    for (const url of [pipeline.intakeUrl, pipeline.reviewUrl, metricsUrl(pipeline.services)]) {
      for (const probe of ['/healthz', '/readyz']) {
        const res = await fetch(`${url}${probe}`);
        expect([url, probe, res.status]).toEqual([url, probe, 200]);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
    expect(await (await fetch(`${pipeline.reviewUrl}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok', bus: 'ok' });
  });

  it('item 3: every app sends the security headers; the intake admits only its own stylesheet, by hash', async () => {
    const form = await fetch(`${pipeline.intakeUrl}/`);
    const html = await form.text();
    const csp = form.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toMatch(/default-src 'none'/);
    expect(form.headers.get('referrer-policy')).toBe('same-origin'); // our form must send its Origin (see the cross-site check)
    for (const url of [pipeline.intakeUrl, pipeline.reviewUrl, metricsUrl(pipeline.services)]) {
      const res = await fetch(`${url}/no-such-page`, { headers: { authorization: `Bearer ${pipeline.reviewToken}` } });
      expect([url, res.status]).toEqual([url, 404]);
      expect((await res.json()) as unknown).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    }
    // An unknown path is counted under one label, never under the path a client made up.
    const text = (await scrape(metricsUrl(pipeline.services))).text;
    expect(sample(text, 'hotline_http_requests_total', { service: 'intake-web', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('no-such-page');
  });

  it('item 4: the Grafana dashboard queries only families this process exports', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'infra', 'grafana', 'hotline-dashboard.json'), 'utf8')) as {
      panels: Array<{ targets: Array<{ expr: string }> }>;
    };
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/hotline_[a-z0-9_]+/g) ?? [])));
    const declared = families((await scrape(metricsUrl(pipeline.services))).text);
    expect(used.size).toBeGreaterThan(15);
    for (const name of used) {
      const family = name.replace(/_(bucket|count|sum)$/, '');
      expect([name, declared.has(family) || declared.has(name)]).toEqual([name, true]);
    }
  });
});
