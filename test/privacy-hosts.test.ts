import { z } from 'zod';
import { createFetcherService } from '@hotline/fetcher';
import { createIntakeService } from '@hotline/intake-web';
import { defineEvent, InProcessBus, listDeadLetters, makeEnvelope } from '@hotline/platform';
import { vetTarget } from '@hotline/safe-fetch';
import { createPgliteTestDb } from './support/test-db';
import { inProcessTestBus, LogCapture, postReport, startPipeline, waitFor } from './support/pipeline';

/**
 * Review 11: a reported host name can say what was reported (and by whom it was visited); analysts
 * need it in the stored reason, the logs must not carry it.
 */
describe('review: reported host names stay out of the logs', () => {
  it('review: refusals of internal host names are stored with the host but logged without it', async () => {
    const testDb = await createPgliteTestDb();
    const logs = new LogCapture();
    const pipeline = await startPipeline({
      db: testDb.db,
      bus: inProcessTestBus(logs.logger, testDb.db),
      logger: logs.logger,
      factories: [createIntakeService, createFetcherService],
    });
    try {
      const hosts = ['secret-printer-4711.internal', 'reported-box-4712.localhost', 'nas-4713.local'];
      const res = await postReport(pipeline.intakeUrl, { urls: hosts.map((h) => `http://${h}/a.png`) });
      expect(res.status).toBe(202);
      const { reportId } = (await res.json()) as { reportId: string };
      const rows = async () =>
        (await testDb.db.query<{ state: string; reason: string }>('SELECT state, reason FROM report_urls WHERE report_id = $1 ORDER BY position', [reportId]))
          .rows;
      await waitFor('every item refused', async () => (await rows()).every((r) => r.state === 'refused'));
      const stored = await rows();
      hosts.forEach((h, i) => expect(stored[i]!.reason).toContain(h));
      await waitFor('the refusals logged', async () => logs.lines.filter((l) => l.includes('url refused')).length === 3);
      for (const h of hosts) expect(logs.lines.filter((l) => l.includes(h))).toEqual([]);
    } finally {
      await pipeline.stop();
      await testDb.drop();
    }
  });

  it('review: a retried DNS failure is logged without the host name, and dead-lettered with it', async () => {
    const testDb = await createPgliteTestDb();
    const logs = new LogCapture();
    const job = defineEvent('fetch.tried', 1, z.object({ url: z.string() }), () => 'k');
    const bus = new InProcessBus({ logger: logs.logger, maxAttempts: 2, retryBaseMs: 1, db: testDb.db });
    const host = 'reported-host-4714.test';
    const noResolver = async () => {
      throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: 'EAI_AGAIN' });
    };
    try {
      await bus.subscribe(job, { group: 'fetcher' }, async (e) => void (await vetTarget(new URL(e.url), { allowHosts: [], lookup: noResolver })));
      await bus.publish(job.name, [{ key: 'k', envelope: makeEnvelope(job, { url: `http://${host}/x.png` }) }]).catch(() => undefined);
      await waitFor('the dead letter', async () => (await listDeadLetters(testDb.db)).length === 1);
      expect((await listDeadLetters(testDb.db))[0]!.reason).toContain(host);
      expect(logs.lines.some((l) => l.includes('handler failed; retrying'))).toBe(true);
      expect(logs.lines.filter((l) => l.includes(host))).toEqual([]);
    } finally {
      await bus.close();
      await testDb.drop();
    }
  });
});
