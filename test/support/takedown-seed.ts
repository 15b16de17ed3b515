import { randomUUID } from 'node:crypto';
import type { Db } from '@hotline/platform';
import {
  addCaseItem,
  addEvent,
  createNotice,
  insertCheck,
  insertReferral,
  lockDueItems,
  markNoticeSent,
  markReferral,
  openCase,
  queueNotice,
  recordCheckOnCase,
  recordNoticeOnCase,
  recordRouting,
  recordTrace,
  setCaseState,
} from '@hotline/takedown';

// Takedown cases written straight into the database with the store's own functions, as the takedown service would
// leave them: the console and the API read them without that service running.

const HOUR = 3_600_000;
const ago = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR);

/** A HostingTrace as @hotline/hosting-trace stores it (addresses from the documentation ranges). */
function trace(
  url: string,
  o: { ip: string; country: string; asn: number; provider: string; abuse: string; source: string; cdn?: { host: string; origin: string } },
) {
  return {
    url,
    host: new URL(url).hostname,
    tracedAt: new Date().toISOString(),
    ip: o.ip,
    country: o.country,
    countrySource: 'mmdb',
    asn: o.asn,
    asName: `${o.provider} AS`,
    network: `${o.ip.split('.').slice(0, 3).join('.')}.0/24`,
    provider: { id: null, name: o.provider },
    abuse: { email: o.abuse, source: o.source, fetchedAt: new Date().toISOString() },
    upstreamAbuseEmail: null,
    language: 'nl',
    cdn: o.cdn ?? null,
    error: null,
  };
}

async function confirmed(db: Db, url: string, firstReportedAt: Date, confirmedAt: Date): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await openCase(tx, {
      id,
      url,
      origin: 'decision',
      classification: { verdict: 'baseline' },
      reportId: null,
      contentId: null,
      firstReportedAt,
      confirmedAt,
      now: confirmedAt,
    });
    await addCaseItem(tx, id, { itemId: randomUUID(), decisionId: '1', sha256: 'ab'.repeat(32), md5: null, sha1: null, pdq: null });
    await addEvent(tx, id, 'opened', { origin: 'decision' }, confirmedAt);
  });
  return id;
}

/** Hosted at home: police first, the notice held until they clear it; the police referral went out. */
export async function seedHeldCase(db: Db, now: Date, url = 'https://held.example/gallery/1.jpg'): Promise<string> {
  const at = ago(now, 5);
  const id = await confirmed(db, url, ago(now, 6), at);
  const t = trace(url, { ip: '192.0.2.10', country: 'NL', asn: 64500, provider: 'Polder Hosting', abuse: 'abuse@polder-hosting.example', source: 'rdap' });
  await db.transaction(async (tx) => {
    await recordTrace(tx, id, { trace: t, country: 'NL', asn: 64500, providerName: 'Polder Hosting', abuseEmail: 'abuse@polder-hosting.example' }, at);
    await addEvent(tx, id, 'traced', { country: 'NL', asn: 64500 }, at);
    await recordRouting(
      tx,
      id,
      { route: 'domestic', noticeWhen: 'after_clearance', noticeNotBefore: null, state: 'held', reason: 'domestic: police first' },
      at,
    );
    await addEvent(tx, id, 'routed', { route: 'domestic', noticeWhen: 'after_clearance' }, at);
    const ref = randomUUID();
    await insertReferral(tx, {
      id: ref,
      caseId: id,
      kind: 'police',
      name: 'National Police',
      country: 'NL',
      channel: 'http',
      address: 'http://127.0.0.1:9/referrals',
      reason: 'domestic',
      state: 'pending',
      document: { caseId: id },
      signature: 'c2ln',
      keyId: 'hotline-2026',
      now: at,
    });
    await markReferral(tx, ref, 'sent', null, at);
    await addEvent(tx, id, 'referral_sent', { kind: 'police' }, at);
  });
  return id;
}

/** Hosted in another INHOPE country behind a CDN: referral, two notices, present then absent twice, removed. */
export async function seedRemovedCase(db: Db, now: Date, url = 'https://cdn.example/media/2.jpg'): Promise<string> {
  const t0 = ago(now, 50);
  const id = await confirmed(db, url, ago(now, 52), t0);
  const contact = 'abuse@rhein-hosting.example';
  const t = trace(url, {
    ip: '198.51.100.7',
    country: 'DE',
    asn: 64511,
    provider: 'Rhein Hosting',
    abuse: contact,
    source: 'cdn_rule',
    cdn: { host: 'cdn.example', origin: 'origin.rhein-hosting.example' },
  });
  await db.transaction(async (tx) => {
    await recordTrace(tx, id, { trace: t, country: 'DE', asn: 64511, providerName: 'Rhein Hosting', abuseEmail: contact }, t0);
    await recordRouting(tx, id, { route: 'inhope', noticeWhen: 'now', noticeNotBefore: null, state: 'active', reason: null }, t0);
    await addEvent(tx, id, 'routed', { route: 'inhope' }, t0);
    await insertReferral(tx, {
      id: randomUUID(),
      caseId: id,
      kind: 'inhope_member',
      name: 'Hotline DE',
      country: 'DE',
      channel: 'email',
      address: 'referrals@hotline-de.example',
      reason: 'inhope',
      state: 'pending',
      document: { caseId: id },
      signature: 'c2ln',
      keyId: 'hotline-2026',
      now: t0,
    });
  });
  for (const [n, hoursAgo] of [
    [1, 49],
    [2, 25],
  ] as const) {
    const at = ago(now, hoursAgo);
    await db.transaction(async (tx) => {
      await queueNotice(tx, { caseId: id, noticeNumber: n, level: 'provider', contact, language: 'de', dueAt: at });
      const items = await lockDueItems(tx, contact, at, 10);
      const notice = randomUUID();
      await createNotice(tx, { id: notice, contact, level: 'provider', language: 'de', itemIds: items.map((i) => i.id), now: at });
      await markNoticeSent(tx, notice, `<${notice}@hotline.example>`, [], at);
      await recordNoticeOnCase(tx, id, at);
      await addEvent(tx, id, 'notice_sent', { noticeNumber: n }, at);
    });
  }
  for (const [n, hoursAgo, outcome, status] of [
    [1, 48, 'present', 200],
    [2, 24, 'absent', 404],
    [3, 23, 'absent', 404],
  ] as const) {
    const at = ago(now, hoursAgo);
    await db.transaction(async (tx) => {
      await insertCheck(tx, { caseId: id, checkNumber: n, outcome, httpStatus: status, detail: outcome === 'present' ? 'same SHA-256' : null, at });
      await recordCheckOnCase(tx, id, outcome, at);
    });
  }
  await db.transaction(async (tx) => {
    await setCaseState(tx, id, 'removed', 'absent on 2 consecutive checks', ago(now, 23));
    await addEvent(tx, id, 'removed', {}, ago(now, 23));
  });
  return id;
}
