import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { systemClock, type Db } from '@hotline/platform';
import { createProvider, setOverride, traceHosting } from '@hotline/hosting-trace';
import { addCaseItem, openCase, queueNotice, recordRouting, recordTrace } from '@hotline/takedown';
import { testConfig, waitFor } from './support/pipeline';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { createPgTestDb, type TestDb } from './support/test-db';

const ROOT = path.join(__dirname, '..');
const N = 6;

/**
 * Item 11: "Kill the takedown service during a batch: after restart no notice is lost and none is sent twice." Six
 * abuse addresses each have a URL due; the SMTP server accepts two mails, holds the third without answering, and the
 * test SIGKILLs the service right then. A second process finishes the batch.
 */
describe('item 11: killing takedown in the middle of a batch of notices', () => {
  let t: TestDb;
  let smtp: SmtpSink;
  const children: ChildProcess[] = [];
  const key = randomBytes(32).toString('base64');
  const hosts = Array.from({ length: N }, (_, i) => `127.0.0.${i + 1}:8${i}`);

  beforeAll(async () => {
    t = await createPgTestDb('takedown_crash');
    smtp = await startSmtpSink();
    await seed(t.db);
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await smtp?.close();
    await t?.drop();
  });

  /** One case per abuse address, traced the way the service traces (so its re-trace before sending finds no move), due now. */
  async function seed(db: Db): Promise<void> {
    const cfg = testConfig({ FETCH_ALLOW_HOSTS: hosts.join(',') });
    for (let i = 0; i < N; i++) {
      const provider = await createProvider(db, { name: `Provider ${i}`, abuseEmail: `abuse@p${i}.test`, country: 'DE' }, 'test');
      await setOverride(db, { network: `127.0.0.${i + 1}/32`, providerId: provider.id, country: 'DE' }, 'test');
      const url = `http://${hosts[i]}/image-${i}.png`;
      const trace = await traceHosting(db, url, { cfg, clock: systemClock, allowHosts: cfg.FETCH_ALLOW_HOSTS });
      expect(trace.abuse.email).toBe(`abuse@p${i}.test`);
      const now = new Date();
      await db.transaction(async (tx) => {
        const { case: c } = await openCase(tx, {
          id: randomUUID(),
          url,
          origin: 'decision',
          classification: { verdict: 'baseline' },
          reportId: null,
          contentId: null,
          firstReportedAt: now,
          confirmedAt: now,
          now,
        });
        await addCaseItem(tx, c.id, { itemId: randomUUID(), decisionId: String(i + 1), sha256: String(i).repeat(64), md5: null, sha1: null, pdq: null });
        await recordTrace(
          tx,
          c.id,
          { trace: trace as never, country: trace.country, asn: trace.asn, providerName: trace.provider.name, abuseEmail: trace.abuse.email },
          now,
        );
        await recordRouting(tx, c.id, { route: 'inhope', noticeWhen: 'now', noticeNotBefore: null, state: 'active', reason: null }, now);
        await queueNotice(tx, { caseId: c.id, noticeNumber: 1, level: 'provider', contact: trace.abuse.email!, language: null, dueAt: now });
      });
    }
  }

  function startChild(): ChildProcess {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'takedown-child.ts'), t.schema!, smtp.url, key, hosts.join(',')],
      {
        cwd: ROOT,
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    return child;
  }

  it('loses no notice and sends none twice', async () => {
    // Accept two mails, then hold the third and kill the sender while it waits for the answer.
    let accepted = 0;
    const first = startChild();
    const killed = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        accepted = smtp.received.length;
        if (accepted >= 2) {
          clearInterval(check);
          smtp.holdFromNow(() => {
            first.kill('SIGKILL');
            resolve();
          });
        }
      }, 5);
    });
    await killed;
    await new Promise<void>((r) => (first.exitCode !== null || first.signalCode !== null ? r() : first.once('exit', () => r())));
    expect(smtp.held).toBe(1);
    const notices = await t.db.query<{ state: string }>('SELECT state FROM takedown_notices');
    expect(notices.rows.filter((n) => n.state === 'sending')).toHaveLength(1); // the one whose mail was held

    smtp.acceptAgain();
    startChild();
    await waitFor(
      'every case noticed once',
      async () => {
        const r = await t.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM takedown_cases WHERE notices_sent = 1`);
        return Number(r.rows[0]!.n) === N;
      },
      30000,
    );
    await new Promise((r) => setTimeout(r, 1500)); // time for a double to show up, if there were one

    const recipients = smtp.received.map((m) => m.envelopeTo.join(','));
    expect(recipients.sort()).toEqual(Array.from({ length: N }, (_, i) => `abuse@p${i}.test`).sort());
    const ids = smtp.received.map((m) => m.mail.messageId);
    expect(new Set(ids).size).toBe(N);
    const sent = await t.db.query<{ state: string; message_id: string }>('SELECT state, message_id FROM takedown_notices ORDER BY message_id');
    expect(sent.rows.map((r) => r.state)).toEqual(Array(N).fill('sent'));
    expect(sent.rows.map((r) => r.message_id).sort()).toEqual([...ids].sort());
    const counts = await t.db.query<{ notices_sent: number }>('SELECT notices_sent FROM takedown_cases');
    expect(counts.rows.map((r) => r.notices_sent)).toEqual(Array(N).fill(1));
  }, 60000);
});
