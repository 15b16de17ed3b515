import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ManualClock } from '@hotline/platform';
import { caseDetail, listCases, verifyReferral, type SignedReferral, type TakedownCase } from '@hotline/takedown';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng, texturedPng } from './support/images';
import { getReport, LogCapture, postReport, startEmbedded, stopEmbedded, waitFor, type RunningPipeline } from './support/pipeline';
import { startRdapServer, type RdapServer } from './support/rdap-server';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import type { TestDb } from './support/test-db';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';

/** X-ARF v4 content/csam, validated against the schemas the project carries as fixtures, not the library's copy. */
function xarfValidator() {
  const dir = path.join(__dirname, 'fixtures', 'xarf-v4');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['xarf-core.json', 'content-base.json', 'content-csam.json']) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const csam = JSON.parse(fs.readFileSync(path.join(dir, 'content-csam.json'), 'utf8')) as { $id: string };
  return ajv.getSchema(csam.$id)!;
}

/** A referral endpoint of the INHOPE member hotline of the hosting country, on 127.0.0.1. */
async function startReferralEndpoint(): Promise<{ url: string; received: unknown[]; close(): Promise<void> }> {
  const received: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/referrals`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('item 11: notice-and-takedown in the pipeline (embedded)', () => {
  const clock = new ManualClock('2026-11-30T08:00:00Z');
  const logs = new LogCapture();
  let site: HostingSite;
  let rdap: RdapServer;
  let smtp: SmtpSink;
  let endpoint: Awaited<ReturnType<typeof startReferralEndpoint>>;
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let api: (path: string, init?: RequestInit) => Promise<Response>;
  const validXarf = xarfValidator();

  beforeAll(async () => {
    site = await startHostingSite({
      '/one.png': { headers: { 'content-type': 'image/png' }, body: await texturedPng(320, 240, 111) },
      '/two.png': { headers: { 'content-type': 'image/png' }, body: await syntheticPng(300, 200, 222) },
    });
    rdap = await startRdapServer();
    rdap.set('127.0.0.1', { country: 'DE', name: 'Hoster A GmbH', handle: 'HOSTER-A', abuseEmail: 'abuse@hoster-a.test' });
    smtp = await startSmtpSink();
    endpoint = await startReferralEndpoint();
    const members = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'members-')), 'members.json');
    fs.writeFileSync(members, JSON.stringify({ members: [{ country: 'DE', hotline: 'Test hotline DE', referralUrl: endpoint.url }] }));
    running = await startEmbedded(logs, {
      env: {
        FETCH_ALLOW_HOSTS: site.hostPort,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'notices@hotline.test',
        RDAP_SERVERS: `*=${rdap.url}`,
        TAKEDOWN_HOME_COUNTRY: 'NL',
        TAKEDOWN_INHOPE_MEMBERS_FILE: members,
        TAKEDOWN_HOTLINE_NAME: 'Test Hotline',
        TAKEDOWN_HOTLINE_EMAIL: 'notices@hotline.test',
        TAKEDOWN_NOTICE_EVERY_SECONDS: '1',
      },
      clock,
    });
    api = (p, init = {}) =>
      fetch(`${running.pipeline.reviewUrl}${p}`, {
        ...init,
        headers: { authorization: `Bearer ${running.pipeline.reviewToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
  });

  afterAll(async () => {
    await stopEmbedded(running);
    await Promise.all([site?.close(), rdap?.close(), smtp?.close(), endpoint?.close()]);
  });

  /** Moves the services' clock a step at a time until `what` holds (each step lets the due timers run). */
  async function advanceUntil<T>(what: string, stepMs: number, fn: () => Promise<T | undefined | null | false>): Promise<T> {
    return waitFor(what, async () => {
      const v = await fn();
      if (!v) clock.advance(stepMs);
      return v;
    });
  }

  async function cases(): Promise<TakedownCase[]> {
    return listCases(running.testDb.db, { limit: 100 });
  }

  async function decideReport(urls: string[]): Promise<void> {
    const res = await postReport(running.pipeline.intakeUrl, { urls, description: 'takedown test' });
    expect(res.status).toBe(202);
    const { reportId } = (await res.json()) as { reportId: string };
    const items = await waitFor('the report items', async () => {
      const r = await getReport(running.pipeline.reviewUrl, reportId);
      return r.reviewItems.length === urls.length && r.reviewItems.every((i: { kind: string }) => i.kind === 'content')
        ? (r.reviewItems as Array<{ id: string }>)
        : undefined;
    });
    for (const _ of items) {
      const claimed = await api('/api/queue/claim', { method: 'POST' });
      const { id } = (await claimed.json()) as { id: string };
      const decided = await api(`/api/items/${id}/decision`, {
        method: 'POST',
        body: JSON.stringify({ verdict: 'baseline', iwfCategory: 'A', industry: 'A1' }),
      });
      expect(decided.status).toBe(200);
    }
  }

  it('traces, refers to the hosting country’s hotline, and sends one notice for both URLs of an abuse address', async () => {
    await decideReport([`${site.url}/one.png`, `${site.url}/two.png`]);
    const open = await advanceUntil('two active cases', 1000, async () => {
      const all = await cases();
      return all.length === 2 && all.every((c) => c.state === 'active') ? all : undefined;
    });
    expect(open.map((c) => c.url).sort()).toEqual([`${site.url}/one.png`, `${site.url}/two.png`]);
    expect(open[0]).toMatchObject({ country: 'DE', abuseEmail: 'abuse@hoster-a.test', route: 'inhope' });

    // The first notice waits an hour (TAKEDOWN_NOTICE_GATHER_MINUTES), then both URLs go in one mail.
    clock.advance(59 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(0);
    const mail = await advanceUntil('the notice mail', 30_000, async () => smtp.received[0]);
    expect(smtp.received).toHaveLength(1);
    expect(mail.envelopeTo).toEqual(['abuse@hoster-a.test']);
    expect(mail.mail.headers.get('x-arf')).toBe('yes');
    // Hosted in Germany, no language in the directory: English, then German.
    expect(mail.mail.text).toMatch(/Dear abuse team[\s\S]*——— Deutsch ———[\s\S]*Sehr geehrte/);
    const parts = mail.mail.attachments.filter((a) => a.contentType === 'application/json');
    expect(parts).toHaveLength(2);
    const urls = parts.map((p) => {
      const doc = JSON.parse(p.content.toString('utf8')) as { url: string };
      expect(validXarf(doc)).toBe(true);
      return doc.url;
    });
    expect(urls.sort()).toEqual([`${site.url}/one.png`, `${site.url}/two.png`]);
    expect(mail.mail.attachments.some((a) => a.contentType.startsWith('image/'))).toBe(false);

    // The referral to the INHOPE member of Germany, signed with the hotline's key.
    const referral = await waitFor('the referral', async () => endpoint.received.length >= 2 && endpoint.received);
    const { publicKey } = running.pipeline.ctx.secrets.signingKey;
    for (const r of referral as SignedReferral[]) {
      expect(r.document).toMatchObject({ to: { kind: 'inhope_member', name: 'Test hotline DE', country: 'DE' }, reason: 'inhope_country' });
      expect(verifyReferral(r, publicKey)).toBe(true);
    }
    const tampered = JSON.parse(JSON.stringify(referral[0])) as SignedReferral;
    tampered.document.url = 'https://elsewhere.example/';
    expect(verifyReferral(tampered, publicKey)).toBe(false);
  }, 60000);

  it('repeats the notice while the content stays, and records removal once it is gone or replaced', async () => {
    // First check after an hour: still served, no repeat yet (the last notice is recent).
    clock.advance(61 * 60_000);
    await advanceUntil('the first checks', 1000, async () => (await cases()).every((c) => c.checks >= 1));
    expect(smtp.received).toHaveLength(1);
    // A day later: still served → the repeat notice, again one mail for both.
    clock.advance(24 * 3_600_000);
    // The repeat waits its gathering hour too, and takes both URLs whichever of their checks ran first.
    const repeat = await advanceUntil('the repeat notice', 60_000, async () => smtp.received[1]);
    expect(repeat.mail.subject).toMatch(/repeat/i);
    expect(repeat.mail.attachments.filter((a) => a.contentType === 'application/json')).toHaveLength(2);

    // one.png is deleted, two.png now serves other content: both count as gone.
    site.set('/one.png', { status: 404, body: 'gone' });
    site.set('/two.png', { headers: { 'content-type': 'image/png' }, body: await syntheticPng(300, 200, 999) });
    clock.advance(24 * 3_600_000);
    await advanceUntil('a first check without the content', 1000, async () => (await cases()).every((c) => c.consecutiveAbsent >= 1));
    clock.advance(24 * 3_600_000);
    const removed = await advanceUntil('both removed', 1000, async () => {
      const all = await cases();
      return all.every((c) => c.state === 'removed') ? all : undefined;
    });
    for (const c of removed) {
      const d = await caseDetail(running.testDb.db, c.id);
      expect(d!.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['opened', 'traced', 'routed', 'notice_sent', 'checked', 'removed']));
      expect(d!.checks.slice(-2).map((x) => x.outcome)).toEqual(['absent', 'absent']);
    }
    const sentBefore = smtp.received.length;
    clock.advance(3 * 24 * 3_600_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received).toHaveLength(sentBefore);
  }, 90000);
});
