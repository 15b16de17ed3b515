import { randomUUID } from 'node:crypto';
import { scheduleJob, type Queryable } from '@hotline/platform';
import type { HostingTrace } from '@hotline/hosting-trace';
import {
  addEvent,
  buildReferral,
  caseItems,
  insertReferral,
  noticeLanguage,
  noticeCount,
  queueNotice,
  recordRouting,
  routeCase,
  signReferral,
  TAKEDOWN_JOBS,
  type CaseState,
  type RoutingDecision,
  type TakedownCase,
} from '@hotline/takedown';
import type { TakedownDeps } from './deps';

/**
 * Applies the hotline's routing rules to a freshly traced case, in the caller's transaction: its state (active,
 * held for clearance or for the hold, or back to an analyst), its first notice, its referrals (signed now, sent by
 * their own timers) and its first re-check.
 */
export async function routeTracedCase(tx: Queryable, deps: TakedownDeps, c: TakedownCase, trace: HostingTrace, now: Date): Promise<RoutingDecision> {
  const decision = routeCase(trace, deps.rules);
  const cfg = deps.cfg;
  let state: CaseState = 'active';
  let reason: string | null = null;
  let notBefore: Date | null = null;
  if (decision.notice.when === 'never' && decision.route !== 'unknown') {
    // Policy leaves the notice to the hotline of the hosting country: the case waits, a senior may still Clear it.
    state = 'held';
    reason = `the notice is left to ${decision.referrals.map((r) => r.name).join(', ') || 'the hosting country’s hotline'} (TAKEDOWN_INHOPE_NOTICE=none)`;
  } else if (decision.notice.when === 'never') {
    state = 'needs_analyst';
    reason = trace.error ? `the hosting could not be traced: ${trace.error}` : 'the hosting country is unknown';
  } else if (!trace.abuse.email) {
    state = 'needs_analyst';
    reason = 'no abuse contact was found: add the provider to the directory, then re-trace';
  } else if (decision.notice.when === 'after_clearance') {
    state = 'held';
    reason = 'held until the police clear the notice';
  } else if (decision.notice.when === 'after_hold') {
    state = 'held';
    notBefore = new Date(now.getTime() + (decision.notice.holdHours ?? cfg.TAKEDOWN_DOMESTIC_HOLD_HOURS) * 3_600_000);
    reason = `held until ${notBefore.toISOString()}`;
    await scheduleJob(tx, { name: TAKEDOWN_JOBS.holdEnds, key: `${c.id}:hold:${now.getTime()}`, runAt: notBefore, payload: { caseId: c.id } });
  } else {
    await queueNotice(tx, {
      caseId: c.id,
      noticeNumber: (await noticeCount(tx, c.id)) + 1,
      level: 'provider',
      contact: trace.abuse.email,
      language: noticeLanguage(trace as unknown as Record<string, unknown>),
      dueAt: new Date(now.getTime() + cfg.TAKEDOWN_NOTICE_GATHER_MINUTES * 60_000),
    });
  }
  await recordRouting(tx, c.id, { route: decision.route, noticeWhen: decision.notice.when, noticeNotBefore: notBefore, state, reason }, now);
  await addEvent(
    tx,
    c.id,
    'routed',
    { route: decision.route, notice: decision.notice.when, state, reason, referrals: decision.referrals.map((r) => r.name) },
    now,
  );

  const items = (await caseItems(tx, c.id)).filter((i) => i.active);
  for (const target of decision.referrals) {
    const document = buildReferral({
      referralId: randomUUID(),
      createdAt: now.toISOString(),
      from: { hotline: cfg.TAKEDOWN_HOTLINE_NAME, country: cfg.TAKEDOWN_HOME_COUNTRY },
      to: { kind: target.kind, name: target.name, country: target.country },
      reason: target.reason,
      url: c.url,
      host: trace.host,
      ip: trace.ip,
      classification: c.classification,
      hashes: items.map((i) => ({ sha256: i.sha256, md5: i.md5, sha1: i.sha1, pdq: i.pdq })),
      trace,
      firstReportedAt: c.firstReportedAt,
      decidedAt: c.confirmedAt,
      caseId: c.id,
    });
    await referTo(tx, deps, c.id, target, document, now);
  }
  await scheduleJob(tx, {
    name: TAKEDOWN_JOBS.check,
    key: `${c.id}:check:1`,
    runAt: new Date(now.getTime() + cfg.TAKEDOWN_FIRST_CHECK_MINUTES * 60_000),
    payload: { caseId: c.id, n: 1 },
  });
  return decision;
}

/** Signs and stores one referral and schedules its sending; a referral with no channel waits for a person (ICCAM by hand). */
export async function referTo(
  tx: Queryable,
  deps: TakedownDeps,
  caseId: string,
  target: RoutingDecision['referrals'][number],
  document: ReturnType<typeof buildReferral>,
  now: Date,
): Promise<void> {
  const signed = signReferral(document, deps.signingKey);
  const id = await insertReferral(tx, {
    id: document.referralId,
    caseId,
    kind: target.kind,
    name: target.name,
    country: target.country ?? null,
    channel: target.channel,
    address: target.address,
    reason: target.reason,
    state: target.channel === 'none' ? 'unroutable' : 'pending',
    document: document as unknown as Record<string, unknown>,
    signature: signed.signature,
    keyId: signed.keyId,
    now,
  });
  if (!id) return;
  await addEvent(tx, caseId, 'referral_created', { referralId: id, kind: target.kind, name: target.name, channel: target.channel, reason: target.reason }, now);
  if (target.channel !== 'none') await scheduleJob(tx, { name: TAKEDOWN_JOBS.referral, key: id, runAt: now, payload: { referralId: id }, maxAttempts: 20 });
}
