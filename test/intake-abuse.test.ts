import { request, type ClientRequest } from 'node:http';
import { createIntakeService } from '@hotline/intake-web';
import { createPgliteTestDb, type TestDb } from './support/test-db';
import { inProcessTestBus, LogCapture, postReport, startPipeline, type RunningPipeline } from './support/pipeline';

const factories = [createIntakeService];
const ok = { urls: ['https://example.org/abuse'] };

describe('item 15: abuse limits', () => {
  const logs = new LogCapture();

  async function withIntake(env: Record<string, string>, fn: (p: RunningPipeline) => Promise<void>): Promise<void> {
    const testDb: TestDb = await createPgliteTestDb();
    const p = await startPipeline({ db: testDb.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, factories, env });
    try {
      await fn(p);
    } finally {
      await p.stop();
      await testDb.drop();
    }
  }

  it('item 15: one IPv6 /64 shares one rate-limit bucket (10 addresses, limit 3 → 3 accepted)', async () => {
    await withIntake({ INTAKE_TRUST_PROXY: '1', INTAKE_RATE_LIMIT_PER_MINUTE: '3' }, async (p) => {
      const statuses: number[] = [];
      for (let i = 1; i <= 10; i++) {
        statuses.push((await postReport(p.intakeUrl, ok, { 'x-forwarded-for': `2001:db8:aa:bb:${i.toString(16)}::${i}` })).status);
      }
      expect(statuses.filter((s) => s === 202)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // Another /56 (the default INTAKE_RATE_LIMIT_IPV6_PREFIX), and an IPv4 client, still get through.
      expect((await postReport(p.intakeUrl, ok, { 'x-forwarded-for': '2001:db8:ab:cc::1' })).status).toBe(202);
      expect((await postReport(p.intakeUrl, ok, { 'x-forwarded-for': '192.0.2.10' })).status).toBe(202);
      // The IPv4-mapped form of that address is the same client.
      for (let i = 0; i < 2; i++) await postReport(p.intakeUrl, ok, { 'x-forwarded-for': '::ffff:192.0.2.10' });
      expect((await postReport(p.intakeUrl, ok, { 'x-forwarded-for': '192.0.2.10' })).status).toBe(429);
    });
  });

  it('item 15: refuses cross-site POSTs to the form and the API; same-origin and header-less clients pass', async () => {
    await withIntake({}, async (p) => {
      const own = new URL(p.intakeUrl).origin;
      const form = (headers: Record<string, string>) =>
        fetch(`${p.intakeUrl}/report?lang=en`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: 'urls=https%3A%2F%2Fexample.org%2Fcsrf',
        });
      const forged: Array<Record<string, string>> = [
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example' },
        { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      ];
      for (const headers of forged) {
        const api = await postReport(p.intakeUrl, ok, headers);
        expect(api.status).toBe(403);
        expect(((await api.json()) as { error: { code: string } }).error.code).toBe('cross_site');
        const page = await form(headers);
        expect(page.status).toBe(403);
        expect(await page.text()).toMatch(/another (web)?site/i);
      }
      expect((await postReport(p.intakeUrl, ok, { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(202);
      // Behind a TLS-terminating proxy the browser says https while the intake sees http: the host decides.
      expect((await postReport(p.intakeUrl, ok, { origin: own.replace('http:', 'https:') })).status).toBe(202);
      expect((await postReport(p.intakeUrl, ok, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
      expect((await postReport(p.intakeUrl, ok, { 'sec-fetch-site': 'none' })).status).toBe(202);
      expect((await postReport(p.intakeUrl, ok)).status).toBe(202);
      // Our own form page sends its real Origin (its Referrer-Policy is same-origin).
      expect((await form({ origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    });
  });

  it('review: Origin null and a same-site POST from another origin are refused; the form page sends its own Origin and passes', async () => {
    await withIntake({}, async (p) => {
      const own = new URL(p.intakeUrl).origin;
      const page = await fetch(`${p.intakeUrl}/?lang=en`);
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
      expect(await page.text()).toContain('<meta name="referrer" content="same-origin">');
      const form = (headers: Record<string, string>) =>
        fetch(`${p.intakeUrl}/report?lang=en`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: 'urls=https%3A%2F%2Fexample.org%2Fcsrf',
        });
      // A browser without Sec-Fetch-Site: a sandboxed or data: page elsewhere posts with Origin null.
      const refused: Array<Record<string, string>> = [
        { origin: 'null' },
        { origin: 'null', 'sec-fetch-site': 'same-origin' },
        { origin: 'https://sibling.127.0.0.1.example', 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of refused) {
        const api = await postReport(p.intakeUrl, ok, headers);
        expect(api.status).toBe(403);
        expect(((await api.json()) as { error: { code: string } }).error.code).toBe('cross_site');
        expect((await form(headers)).status).toBe(403);
      }
      expect((await postReport(p.intakeUrl, ok, { origin: own, 'sec-fetch-site': 'same-site' })).status).toBe(202);
      expect((await form({ origin: own })).status).toBe(201);
      expect((await form({ origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    });
  });

  it('item 15: with INTAKE_PUBLIC_URL set, its origin is the only one accepted', async () => {
    await withIntake({ INTAKE_PUBLIC_URL: 'https://report.hotline.example/' }, async (p) => {
      expect((await postReport(p.intakeUrl, ok, { origin: 'https://report.hotline.example' })).status).toBe(202);
      expect((await postReport(p.intakeUrl, ok, { origin: new URL(p.intakeUrl).origin })).status).toBe(403);
    });
  });

  it('item 15: more concurrent uploads than INTAKE_MAX_CONCURRENT_UPLOADS get a 503 with Retry-After', async () => {
    await withIntake({ INTAKE_UPLOADS_ENABLED: 'true', INTAKE_MAX_CONCURRENT_UPLOADS: '1' }, async (p) => {
      const boundary = 'holdopen';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="urls"\r\n\r\nhttps://example.org/slow\r\n`;
      const tail = `--${boundary}--\r\n`;
      let held: ClientRequest | undefined;
      const first = new Promise<number>((resolve, reject) => {
        held = request(
          `${p.intakeUrl}/api/reports`,
          {
            method: 'POST',
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(head + tail) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        held.on('error', reject);
        held.write(head);
      });
      first.catch(() => undefined); // if the test fails before the end, stopping the server hangs this request up
      const second = () => {
        const f = new FormData();
        f.append('urls', 'https://example.org/second');
        return fetch(`${p.intakeUrl}/api/reports`, { method: 'POST', body: f });
      };
      // The first request holds the only slot while its body is still arriving.
      let refused: Response | undefined;
      for (let i = 0; i < 50 && !refused; i++) {
        const r = await second();
        if (r.status === 503) refused = r;
        else await new Promise((res) => setTimeout(res, 20));
      }
      expect(refused?.status).toBe(503);
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe('busy');
      held!.end(tail);
      expect(await first).toBe(202);
      // The slot is free again.
      expect((await second()).status).toBe(202);
    });
  });
  it('review: a multipart body not complete within INTAKE_BODY_TIMEOUT_MS gets 408 and frees its upload slot', async () => {
    await withIntake({ INTAKE_UPLOADS_ENABLED: 'true', INTAKE_MAX_CONCURRENT_UPLOADS: '1', INTAKE_BODY_TIMEOUT_MS: '300' }, async (p) => {
      const boundary = 'trickle';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="urls"\r\n\r\nhttps://example.org/slow`;
      let trickle: NodeJS.Timeout | undefined;
      const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${p.intakeUrl}/api/reports`,
          {
            method: 'POST',
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 1_000_000 },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
            res.on('error', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.write(head);
        // One byte every 50 ms: a client that never finishes within the deadline.
        trickle = setInterval(() => req.write('x'), 50);
      });
      slow.catch(() => undefined);
      const noAnswer = new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), 10000).unref());
      try {
        const answer = await Promise.race([slow, noAnswer]);
        expect(answer).toMatchObject({ status: 408 });
        expect(JSON.parse((answer as { body: string }).body).error).toMatchObject({ code: 'body_timeout', message: expect.stringMatching(/took too long/) });
      } finally {
        clearInterval(trickle);
      }
      // The slot is free: the next upload passes.
      const f = new FormData();
      f.append('urls', 'https://example.org/next');
      expect((await fetch(`${p.intakeUrl}/api/reports`, { method: 'POST', body: f })).status).toBe(202);
    });
  });
});
