import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { getReport, inProcessTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

/**
 * Reported URLs that point inside (loopback in all its spellings, private ranges, cloud metadata) or
 * redirect there end as `refused` with a reason, and a socket listening at the internal target
 * proves that no connection was ever made.
 */
describe('the fetcher in the pipeline refuses internal targets', () => {
  let testDb: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  let trap: net.Server;
  let trapPort: number;
  let trapConnections = 0;
  const logs = new LogCapture();

  beforeAll(async () => {
    trap = net.createServer((s) => {
      trapConnections++;
      s.destroy();
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    trapPort = (trap.address() as AddressInfo).port;
    site = await startHostingSite({
      '/to-loopback': { status: 302, headers: { location: `http://127.0.0.1:${trapPort}/secret` } },
      '/to-metadata': { status: 301, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/to-mapped': { status: 307, headers: { location: `http://[::ffff:7f00:1]:${trapPort}/` } },
    });
    testDb = await createPgTestDb('ssrf');
    pipeline = await startPipeline({ db: testDb.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort } });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await new Promise((r) => trap.close(r));
    await testDb?.drop();
  });

  it('marks every internal target refused with a reason and never connects to it', async () => {
    const urls = [
      `http://127.0.0.1:${trapPort}/`,
      `http://2130706433:${trapPort}/`,
      `http://0x7f.0.0.1:${trapPort}/`,
      `http://0177.0.0.1:${trapPort}/`,
      `http://127.1:${trapPort}/`,
      `http://[::1]:${trapPort}/`,
      `http://[::ffff:127.0.0.1]:${trapPort}/`,
      `http://0.0.0.0:${trapPort}/`,
      `http://localhost:${trapPort}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.0.1/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      `${site.url}/to-loopback`,
      `${site.url}/to-metadata`,
      `${site.url}/to-mapped`,
    ];
    const res = await postReport(pipeline.intakeUrl, { urls });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const status = await waitFor('every item to get an outcome', async () => {
      const s = await getReport(pipeline.reviewUrl, reportId);
      return s.items.every((i: { state: string }) => i.state !== 'pending') ? s : undefined;
    });
    for (const item of status.items) {
      expect({ url: item.url, state: item.state }).toEqual({ url: item.url, state: 'refused' });
      expect(item.reason).toMatch(/refused/i);
    }
    expect(status.items.find((i: { url: string }) => i.url.endsWith('/to-metadata')).reason).toMatch(/metadata|link-local/);
    expect(status.contents).toEqual([]);
    expect(trapConnections).toBe(0);
    expect(site.hits.get('/to-loopback')).toBe(1);
  });
});
