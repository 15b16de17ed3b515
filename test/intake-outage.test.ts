import { createIntakeService } from '@hotline/intake-web';
import { PgDb } from '@hotline/platform';
import { createPgTestDb, type TestDb } from './support/test-db';
import { startPgProxy, type PgProxy } from './support/pg-proxy';
import { inProcessTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

/** Review 13: a database outage is not the reporter's fault, nor a bug: 503 with when to come back. */
describe('review: intake during a database outage', () => {
  let t: TestDb;
  let proxy: PgProxy;
  let proxied: PgDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await createPgTestDb('intake_outage');
    proxy = await startPgProxy(process.env.TEST_DATABASE_URL!);
    proxied = new PgDb({ connectionString: proxy.connectionString, schema: t.schema, poolSize: 4, connectTimeoutMs: 2000 });
    pipeline = await startPipeline({ db: proxied, bus: inProcessTestBus(logs.logger, proxied), logger: logs.logger, factories: [createIntakeService] });
  });
  afterAll(async () => {
    proxy?.restore();
    await pipeline?.stop();
    await proxy?.close();
    await t?.drop();
  });

  it('review: intake through a cut database answers 503 infrastructure_unavailable with Retry-After, and 202 again after restore', async () => {
    const ok = { urls: ['https://example.org/outage'] };
    expect((await postReport(pipeline.intakeUrl, ok)).status).toBe(202);
    proxy.cut();
    const res = await postReport(pipeline.intakeUrl, ok);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('infrastructure_unavailable');
    expect(body.error.message).not.toMatch(/ECONN|terminated|5432|127\.0\.0\.1/);
    proxy.restore();
    await waitFor('intake to accept again', async () => (await postReport(pipeline.intakeUrl, ok)).status === 202, 20000, 200);
  });
});
