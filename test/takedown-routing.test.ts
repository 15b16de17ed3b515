import { createHash, randomUUID } from 'node:crypto';
import { enqueueEvent, ManualClock, reviewDecided, scheduleJob, type ReviewDecided } from '@hotline/platform';
import { setListAutoNotice } from '@hotline/hash-lists';
import { createProvider, setOverride } from '@hotline/hosting-trace';
import {
  caseDetail,
  clearCase,
  getCase,
  insertReferral,
  listCases,
  openCase,
  queueNotice,
  recordRouting,
  TAKEDOWN_JOBS,
  type TakedownCase,
} from '@hotline/takedown';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { importRows } from './support/hash-lists';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { LogCapture, postReport, startEmbedded, stopEmbedded, waitFor, type RunningPipeline } from './support/pipeline';
import { startRdapServer, type RdapServer } from './support/rdap-server';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import type { TestDb } from './support/test-db';

const HOUR = 3_600_000;

describe('item 11: takedown routing — police first, moved hosts, automatic action (embedded)', () => {
  const clock = new ManualClock('2026-11-30T08:00:00Z');
  const logs = new LogCapture();
  let site: HostingSite;
  let nlSite: HostingSite;
  let cSite: HostingSite;
  let rdap: RdapServer;
  let smtp: SmtpSink;
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let image: Buffer;
  let decisions = 0;

  beforeAll(async () => {
    image = await syntheticPng(200, 160, 31);
    site = await startHostingSite({ '/de.png': { headers: { 'content-type': 'image/png' }, body: image } });
    // A second "hosting site" on another loopback address, which the provider directory places in the home country.
    nlSite = await startHostingSite({ '/nl.png': { headers: { 'content-type': 'image/png' }, body: image } }, '127.0.0.2');
    cSite = await startHostingSite({ '/c.png': { headers: { 'content-type': 'image/png' }, body: image } }, '127.0.0.3');
    rdap = await startRdapServer();
    rdap.set('127.0.0.1', { country: 'DE', name: 'Hoster A GmbH', handle: 'HOSTER-A', abuseEmail: 'abuse@hoster-a.test' });
    rdap.set('127.0.0.2', { country: 'NL', name: 'Hoster NL BV', handle: 'HOSTER-NL', abuseEmail: 'abuse@hoster-nl.test' });
    smtp = await startSmtpSink();
    running = await startEmbedded(logs, {
      env: {
        FETCH_ALLOW_HOSTS: `${site.hostPort},${nlSite.hostPort},${cSite.hostPort}`,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'notices@hotline.test',
        RDAP_SERVERS: `*=${rdap.url}`,
        RDAP_CACHE_HOURS: '1',
        TAKEDOWN_HOME_COUNTRY: 'NL',
        TAKEDOWN_POLICE_NAME: 'National police',
        TAKEDOWN_POLICE_EMAIL: 'csam-unit@police.test',
        TAKEDOWN_HOTLINE_EMAIL: 'notices@hotline.test',
        TAKEDOWN_NOTICE_EVERY_SECONDS: '1',
        TAKEDOWN_NOTICE_GATHER_MINUTES: '0',
        TAKEDOWN_ESCALATE_AFTER: '1',
        TAKEDOWN_POLICE_AFTER: '2',
        MATCH_REFRESH_MS: '100',
      },
      clock,
    });
  });

  afterAll(async () => {
    await stopEmbedded(running);
    await Promise.all([site?.close(), nlSite?.close(), cSite?.close(), rdap?.close(), smtp?.close()]);
  });

  async function advanceUntil<T>(what: string, stepMs: number, fn: () => Promise<T | undefined | null | false>): Promise<T> {
    return waitFor(what, async () => {
      const v = await fn();
      if (!v) clock.advance(stepMs);
      return v;
    });
  }

  /** An analyst's final decision as review announces it (the review pipeline itself is covered by takedown-pipeline). */
  async function decided(url: string, sha256: string): Promise<void> {
    decisions++;
    const ev: ReviewDecided = {
      itemId: `00000000-0000-4000-8000-${String(decisions).padStart(12, '0')}`,
      decisionId: String(decisions),
      kind: 'content',
      reportIds: [],
      classification: { verdict: 'baseline', industry: 'A1' },
      autoResolved: false,
      hashes: { sha256, md5: '0'.repeat(32), sha1: '0'.repeat(40), pdq: null, blockhash: null },
      urls: [url],
      decidedAt: clock.now().toISOString(),
    };
    await running.testDb.db.transaction((tx) => enqueueEvent(tx, reviewDecided, ev));
    running.pipeline.ctx.relay.kick();
  }

  const caseOf = (url: string) => async () => (await listCases(running.testDb.db, { limit: 100 })).find((c) => c.url === url);
  const sha256 = () => createHash('sha256').update(image).digest('hex');

  it('holds a domestic URL for the police, refers it to them, and notices the provider only after clearance', async () => {
    const url = `${nlSite.url}/nl.png`;
    await decided(url, sha256());
    const held = await advanceUntil('the held case', 1000, async () => {
      const c = await caseOf(url)();
      return c?.state === 'held' ? c : undefined;
    });
    expect(held).toMatchObject({ route: 'domestic', country: 'NL', noticeWhen: 'after_clearance' });
    const referral = await advanceUntil('the police referral by e-mail', 1000, async () =>
      smtp.received.find((m) => m.envelopeTo.includes('csam-unit@police.test')),
    );
    expect(referral.mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^referral-.+\.json$/)]);
    // Days pass: no notice to the provider while the police have not cleared it.
    clock.advance(3 * 24 * HOUR);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => m.envelopeTo.includes('abuse@hoster-nl.test'))).toHaveLength(0);
    await clearCase(running.testDb.db, held.id, 'senior-1', clock.now());
    const notice = await advanceUntil('the notice after clearance', 1000, async () => smtp.received.find((m) => m.envelopeTo.includes('abuse@hoster-nl.test')));
    expect(notice.mail.attachments.filter((a) => a.contentType === 'application/json')).toHaveLength(1);
  }, 60000);

  it('returns a URL to an analyst when its host moved to another provider before a repeat notice', async () => {
    const url = `${site.url}/de.png`;
    await decided(url, sha256());
    await advanceUntil('the first notice', 1000, async () => smtp.received.find((m) => m.envelopeTo.includes('abuse@hoster-a.test')));
    const sentBefore = smtp.received.length;
    // The site moves: the registry now names another provider (after the RDAP cache hour).
    rdap.set('127.0.0.1', { country: 'FR', name: 'Hoster B SAS', handle: 'HOSTER-B', abuseEmail: 'abuse@hoster-b.test' });
    clock.advance(25 * HOUR);
    const moved = await advanceUntil('the case back with an analyst', 60_000, async () => {
      const c = await caseOf(url)();
      return c?.state === 'needs_analyst' ? (c as TakedownCase) : undefined;
    });
    expect(moved.stateReason).toMatch(/moved/);
    const d = await caseDetail(running.testDb.db, moved.id);
    expect(d!.events.map((e) => e.kind)).toContain('moved');
    expect(d!.notices.map((n) => n.state)).toEqual(['sent', 'cancelled']);
    expect(smtp.received.filter((m) => m.envelopeTo.includes('abuse@hoster-b.test'))).toHaveLength(0);
    expect(smtp.received.length).toBe(sentBefore);
  }, 60000);

  it('escalates a URL that stays: the provider, then its upstream network, then the police with a referral', async () => {
    const db = running.testDb.db;
    const provider = await createProvider(
      db,
      { name: 'Hoster C', abuseEmail: 'abuse@hoster-c.test', country: 'DE', upstreamAbuseEmail: 'abuse@upstream.test' },
      'senior-1',
    );
    await setOverride(db, { network: '127.0.0.3/32', providerId: provider.id }, 'senior-1');
    const url = `${cSite.url}/c.png`;
    await decided(url, sha256());
    const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    await advanceUntil('the provider’s notice', 1000, async () => to('abuse@hoster-c.test')[0]);
    clock.advance(61 * 60_000);
    await advanceUntil('the first check', 1000, async () => ((await caseOf(url)())?.checks ?? 0) >= 1);
    clock.advance(24 * HOUR);
    const upstream = await advanceUntil('the upstream notice', 1000, async () => to('abuse@upstream.test')[0]);
    expect(upstream.mail.text).toMatch(/Hoster C/);
    const policeBefore = to('csam-unit@police.test').length;
    clock.advance(24 * HOUR);
    await advanceUntil('the police notice and referral', 1000, async () => to('csam-unit@police.test').length >= policeBefore + 2 || undefined);
    const police = to('csam-unit@police.test').slice(policeBefore);
    expect(police.some((m) => m.mail.attachments.some((a) => /^referral-.+\.json$/.test(a.filename ?? '')))).toBe(true);
    expect(police.some((m) => m.mail.headers.get('x-arf') === 'yes')).toBe(true);
    const id = (await caseOf(url)())!.id;
    await waitFor('the police notice recorded', async () => (await caseDetail(db, id))!.notices.every((n) => n.state === 'sent'));
    const d = await caseDetail(db, id);
    expect(d!.notices.map((n) => [n.noticeNumber, n.level, n.state])).toEqual([
      [1, 'provider', 'sent'],
      [2, 'upstream', 'sent'],
      [3, 'police', 'sent'],
    ]);
    expect(d!.referrals.map((r) => [r.kind, r.reason, r.state])).toEqual([
      ['inhope_member', 'inhope_country', 'unroutable'], // the shipped members file has no endpoints: ICCAM by hand
      ['police', 'escalation', 'sent'],
    ]);
  }, 60000);

  it('fails a notice that cannot be built with its reason, and still sends the other addresses’ notices', async () => {
    const db = running.testDb.db;
    const now = clock.now();
    // A case whose stored classification no notice may carry (data corrupted by hand): its mail cannot be built.
    const bad = await db.transaction(async (tx) => {
      const { case: c } = await openCase(tx, {
        id: '00000000-0000-4000-8000-00000000bad1',
        url: `${site.url}/bad.png`,
        origin: 'decision',
        classification: { verdict: 'not_illegal' },
        reportId: null,
        contentId: null,
        firstReportedAt: now,
        confirmedAt: now,
        now,
      });
      await recordRouting(tx, c.id, { route: 'inhope', noticeWhen: 'now', noticeNotBefore: null, state: 'active', reason: null }, now);
      await queueNotice(tx, { caseId: c.id, noticeNumber: 1, level: 'provider', contact: 'abuse@aaa-first.test', language: null, dueAt: now });
      return c;
    });
    const good = `${site.url}/good.png`;
    site.set('/good.png', { headers: { 'content-type': 'image/png' }, body: image });
    rdap.set('127.0.0.1', { country: 'DE', name: 'Hoster A GmbH', handle: 'HOSTER-A', abuseEmail: 'abuse@hoster-a.test' });
    clock.advance(2 * HOUR); // past the RDAP cache of the move above
    await decided(good, sha256());
    const before = smtp.received.filter((m) => m.envelopeTo.includes('abuse@hoster-a.test')).length;
    await advanceUntil(
      'the good notice',
      1000,
      async () => smtp.received.filter((m) => m.envelopeTo.includes('abuse@hoster-a.test')).length > before || undefined,
    );
    const d = await caseDetail(db, bad.id);
    expect(d!.notices.map((n) => n.state)).toEqual(['cancelled']);
    expect(d!.events.find((e) => e.kind === 'notice_failed')?.details).toMatchObject({ reason: expect.stringMatching(/not_illegal/) });
    expect(smtp.received.some((m) => m.envelopeTo.includes('abuse@aaa-first.test'))).toBe(false);
  }, 60000);

  it('acts on an exact match to a list whose policy allows it, without an analyst, and only then', async () => {
    const known = await syntheticPng(180, 120, 77);
    const other = await syntheticPng(180, 120, 78);
    site.set('/known.png', { headers: { 'content-type': 'image/png' }, body: known });
    site.set('/other.png', { headers: { 'content-type': 'image/png' }, body: other });
    const db = running.testDb.db;
    await importRows(db, {
      list: 'partner-assessed',
      type: 'sha256',
      source: 'IWF',
      rows: [{ hash: createHash('sha256').update(known).digest('hex'), category: 'A1' }],
    });
    await importRows(db, { list: 'partner-unassessed', type: 'sha256', source: 'NCMEC', rows: [{ hash: createHash('sha256').update(other).digest('hex') }] });
    await setListAutoNotice(db, 'partner-assessed', true, 'admin-1');
    await new Promise((r) => setTimeout(r, 1000)); // the matcher follows hash_changes every MATCH_REFRESH_MS (100 here)
    const res = await postReport(running.pipeline.intakeUrl, { urls: [`${site.url}/known.png`, `${site.url}/other.png`] });
    expect(res.status).toBe(202);
    const auto = await waitFor('the automatic case', caseOf(`${site.url}/known.png`));
    expect(auto).toMatchObject({ origin: 'auto_list', classification: { verdict: 'baseline', industry: 'A1' } });
    const audit = await db.query<{ action: string; details: { listName: string } }>(`SELECT action, details FROM audit_log WHERE subject = $1`, [auto.id]);
    expect(audit.rows).toEqual([{ action: 'takedown.auto_action', details: expect.objectContaining({ listName: 'partner-assessed' }) }]);
    await waitFor('the other report matched', async () => (await db.query(`SELECT 1 FROM matches WHERE list_name = 'partner-unassessed'`)).rows.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await caseOf(`${site.url}/other.png`)()).toBeUndefined();
    expect((await getCase(db, auto.id))?.state).not.toBe('cancelled');

    // An analyst then finds those bytes not illegal (the review item has its own id, not the content's): the
    // automatic case is withdrawn.
    const knownSha = createHash('sha256').update(known).digest('hex');
    decisions++;
    await db.transaction((tx) =>
      enqueueEvent(tx, reviewDecided, {
        itemId: `00000000-0000-4000-8000-${String(decisions).padStart(12, '0')}`,
        decisionId: String(decisions),
        kind: 'content',
        reportIds: [],
        classification: { verdict: 'not_illegal' },
        autoResolved: false,
        hashes: { sha256: knownSha, md5: '0'.repeat(32), sha1: '0'.repeat(40), pdq: null, blockhash: null },
        urls: [`${site.url}/known.png`],
        decidedAt: clock.now().toISOString(),
      }),
    );
    running.pipeline.ctx.relay.kick();
    await waitFor('the automatic case withdrawn', async () => (await getCase(db, auto.id))?.state === 'cancelled');
  }, 60000);

  it('marks a referral the endpoint refuses for good as failed on the case’s timeline, and sends none for a cancelled case', async () => {
    const db = running.testDb.db;
    const refused: string[] = [];
    const endpoint = http.createServer((req, res) => {
      refused.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(400).end('{"error":"unknown partner"}'));
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    try {
      const address = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/referrals`;
      const c = (await listCases(db, { limit: 100 })).find((x) => x.state !== 'cancelled')!;
      const cancelled = (await listCases(db, { limit: 100 })).find((x) => x.state === 'cancelled')!;
      const now = clock.now();
      const ids = [randomUUID(), randomUUID()];
      await db.transaction(async (tx) => {
        for (const [i, target] of [c, cancelled].entries()) {
          const base = {
            kind: 'inhope_member' as const,
            name: `Partner ${i}`,
            country: 'DE',
            channel: 'http' as const,
            address,
            reason: 'inhope_country',
            state: 'pending' as const,
          };
          await insertReferral(tx, { ...base, id: ids[i]!, caseId: target.id, document: { referralId: ids[i] }, signature: 'sig', keyId: 'key', now });
          await scheduleJob(tx, { name: TAKEDOWN_JOBS.referral, key: ids[i]!, runAt: now, payload: { referralId: ids[i] }, maxAttempts: 20 });
        }
      });
      await waitFor('the refused referral failed', async () => (await caseDetail(db, c.id))!.referrals.find((r) => r.id === ids[0])?.state === 'failed');
      const d = await caseDetail(db, c.id);
      expect(d!.events.find((e) => e.kind === 'referral_failed')?.details).toMatchObject({ referralId: ids[0], reason: expect.stringMatching(/400/) });
      await waitFor(
        'the cancelled case’s referral withdrawn',
        async () => (await caseDetail(db, cancelled.id))!.referrals.find((r) => r.id === ids[1])?.state === 'failed',
      );
      expect(refused).toHaveLength(1); // one try for the refusal, none for the cancelled case
    } finally {
      await new Promise<void>((r) => endpoint.close(() => r()));
    }
  }, 60000);
});
