import type { Db } from '@hotline/platform';
import { createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { getQueue, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const PROBE_UA = 'PrivacyProbe-UA/7f3a9c (reporter-browser)';
const PROBE_IP = '198.51.100.77';

async function everyRowAsText(db: Db, schema: string): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  expect(tables.rows.length).toBeGreaterThan(5);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const r = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${schema}.${table_name} t`);
    parts.push(...r.rows.map((x) => x.row));
  }
  return parts.join('\n');
}

describe('reporter privacy', () => {
  let testDb: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture('debug');

  beforeAll(async () => {
    testDb = await createPgTestDb('privacy');
    site = await startHostingSite({ '/img.png': { headers: { 'content-type': 'image/png' }, body: await syntheticPng(200, 150, 3) } });
    pipeline = await startPipeline({
      db: testDb.db,
      bus: kafkaTestBus(logs.logger),
      logger: logs.logger,
      // Trusting a proxy is the harder case: Express then derives the client address from X-Forwarded-For.
      env: { FETCH_ALLOW_HOSTS: site.hostPort, INTAKE_TRUST_PROXY: '1', INTAKE_RATE_LIMIT_PER_MINUTE: '100', LOG_LEVEL: 'debug' },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await testDb?.drop();
  });

  it('keeps neither the user agent nor the forwarded address in any table or log line', async () => {
    const headers = { 'user-agent': PROBE_UA, 'x-forwarded-for': PROBE_IP, 'x-real-ip': PROBE_IP };
    const api = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/img.png`], description: 'seen on a forum' }, headers);
    expect(api.status).toBe(202);
    expect(api.headers.get('set-cookie')).toBeNull();
    const form = new FormData();
    form.append('urls', `${site.url}/img.png`);
    const formRes = await fetch(`${pipeline.intakeUrl}/report`, { method: 'POST', body: form, headers });
    expect(formRes.status).toBe(201);
    expect(formRes.headers.get('set-cookie')).toBeNull();
    const { reportId } = (await api.json()) as { reportId: string };
    await waitFor('the report in the queue', async () => (await getQueue(pipeline.reviewUrl)).items.find((i) => i.reportIds.includes(reportId)));

    const everything = await everyRowAsText(testDb.db, testDb.schema!);
    expect(everything).toContain(reportId);
    expect(everything).toContain('seen on a forum');
    expect(everything).not.toContain(PROBE_UA);
    expect(everything).not.toContain('PrivacyProbe');
    expect(everything).not.toContain(PROBE_IP);

    expect(logs.lines.length).toBeGreaterThan(5);
    expect(logs.lines.filter((l) => l.includes('"path":"/api/reports"')).length).toBeGreaterThan(0);
    for (const line of logs.lines) {
      expect(line).not.toContain('PrivacyProbe');
      expect(line).not.toContain(PROBE_IP);
    }
    // The fetcher speaks for the hotline, never for the reporter.
    for (const h of site.seenHeaders) {
      expect(JSON.stringify(h)).not.toContain('PrivacyProbe');
      expect(JSON.stringify(h)).not.toContain(PROBE_IP);
    }
  });
});
