import { createHash } from 'node:crypto';
import { InfrastructureError, MailError, type Queryable } from '@hotline/platform';
import { sameHosting, type HostingTrace } from '@hotline/hosting-trace';
import {
  addEvent,
  buildXarfCsam,
  cancelNoticeItem,
  caseItems,
  composeNoticeMail,
  createNotice,
  dueContacts,
  getCase,
  lockCase,
  lockDueItems,
  lockSendingNotice,
  markNoticeFailed,
  markNoticeSent,
  nextSendingTime,
  noticeItemsOf,
  recordNoticeAttempt,
  recordNoticeOnCase,
  recordTrace,
  sendingNotice,
  sendingNotices,
  setCaseState,
  type NoticeHead,
} from '@hotline/takedown';
import type { TakedownContext } from './config';
import type { TakedownDeps } from './deps';
import { classificationLabel } from './labels';
import { traceFields, traceOf } from './trace-case';

/**
 * The recurring `takedown.send-notices`: first the notices whose sending was interrupted (they go out again, the same
 * message), then — inside the sending window — one mail per abuse address with every URL due for it. A crash after
 * the `sending` row committed re-sends that notice; a crash before it leaves the URLs due: no URL is lost, and none is
 * put into two different notices.
 */
export async function sendDueNotices(ctx: TakedownContext, deps: TakedownDeps, signal?: AbortSignal): Promise<void> {
  for (const n of await sendingNotices(ctx.db, 100)) {
    if (signal?.aborted) return;
    await isolated(ctx, n.id, () => deliverNotice(ctx, deps, n.id));
  }
  const now = ctx.clock.now();
  if (nextSendingTime(now, deps.window, deps.holidays).getTime() > now.getTime()) return;
  for (const contact of await dueContacts(ctx.db, now, 100)) {
    if (signal?.aborted) return;
    let noticeId: string | null;
    try {
      noticeId = await gatherNotice(ctx, deps, contact, now);
    } catch (err) {
      // One address whose cases cannot be gathered (a trace the database refuses, say) must not stop the others'.
      if (err instanceof InfrastructureError || !(err instanceof Error)) throw err;
      ctx.logger.error({ err: err.message.slice(0, 500) }, 'takedown notices of one address could not be gathered; the others go on');
      continue;
    }
    if (noticeId) await isolated(ctx, noticeId, () => deliverNotice(ctx, deps, noticeId));
  }
}

/** Retriable send failures (deferred by the server, unreachable) before a notice is given up. */
const MAX_SEND_ATTEMPTS = 20;

/**
 * Gives a notice up: its items are cancelled, and each of its cases goes to an analyst with the reason (a bad or full
 * abuse address wants a person: a directory correction, then Re-trace).
 */
async function failNotice(tx: Queryable, noticeId: string, reason: string, now: Date): Promise<void> {
  if (!(await lockSendingNotice(tx, noticeId))) return;
  const items = await noticeItemsOf(tx, noticeId);
  await markNoticeFailed(tx, noticeId, reason);
  for (const item of items) {
    await addEvent(tx, item.caseId, 'notice_failed', { noticeId, reason }, now);
    const c = await lockCase(tx, item.caseId);
    if (c?.state === 'active') await setCaseState(tx, c.id, 'needs_analyst', `a notice could not be sent: ${reason.slice(0, 300)}`, now);
  }
}

/**
 * One notice that cannot be built (a case's data the X-ARF schema refuses, say) must not hold up every other abuse
 * address's mail round after round: it fails with its reason, on each of its cases' timelines, and the round goes on.
 * An infrastructure error (the database away) still stops the round, to be retried whole.
 */
async function isolated(ctx: TakedownContext, noticeId: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof InfrastructureError || !(err instanceof Error)) throw err;
    const reason = err.message.slice(0, 1000);
    const now = ctx.clock.now();
    await ctx.db.transaction((tx) => failNotice(tx, noticeId, reason, now));
    ctx.logger.error({ noticeId, err: reason }, 'takedown notice could not be built; marked failed');
  }
}

/**
 * Traces each due case again before anything is sent (SCARt): a case whose hosting moved to another provider or
 * country goes back to an analyst instead of being sent to the wrong address. The rest become one notice.
 */
async function gatherNotice(ctx: TakedownContext, deps: TakedownDeps, contact: string, now: Date): Promise<string | null> {
  const peek = await ctx.db.transaction((tx) => lockDueItems(tx, contact, now, deps.cfg.TAKEDOWN_MAX_URLS_PER_NOTICE));
  const fresh = new Map<string, HostingTrace>();
  for (const item of peek) {
    const c = await getCase(ctx.db, item.caseId);
    if (c) fresh.set(c.id, await traceOf(ctx, c.url));
  }
  return ctx.db.transaction(async (tx) => {
    const due = await lockDueItems(tx, contact, now, deps.cfg.TAKEDOWN_MAX_URLS_PER_NOTICE);
    const kept: typeof due = [];
    for (const item of due) {
      const c = await lockCase(tx, item.caseId);
      const trace = fresh.get(item.caseId);
      if (!c || c.state !== 'active') {
        await cancelNoticeItem(tx, item.id);
        continue;
      }
      if (!trace) continue; // became due after the peek: the next round takes it
      // A trace that failed now (a resolver or RDAP hiccup) says nothing about a move: the URL waits for the next round.
      if (trace.error || !trace.ip) continue;
      const previous = c.trace as HostingTrace | null;
      if (previous && !sameHosting(previous, trace)) {
        await cancelNoticeItem(tx, item.id);
        await recordTrace(tx, c.id, traceFields(trace), now);
        const reason = `the hosting moved (${previous.provider.name ?? previous.asName ?? '?'}, ${previous.country ?? '?'} → ${trace.provider.name ?? trace.asName ?? '?'}, ${trace.country ?? '?'}): check the trace and re-trace to resume`;
        await setCaseState(tx, c.id, 'needs_analyst', reason, now);
        await addEvent(tx, c.id, 'moved', { from: summary(previous), to: summary(trace) }, now);
        continue;
      }
      kept.push(item);
    }
    if (kept.length === 0) return null;
    const id = noticeIdFor(
      contact,
      kept.map((k) => k.id),
    );
    const first = kept[0]!;
    await createNotice(tx, { id, contact, level: first.level, language: first.language, itemIds: kept.map((k) => k.id), now });
    return id;
  });
}

/** Sends a `sending` notice (again, after a crash: the same Message-ID, the same X-ARF report ids) and records it. */
async function deliverNotice(ctx: TakedownContext, deps: TakedownDeps, noticeId: string): Promise<void> {
  const head = await sendingNotice(ctx.db, noticeId);
  if (!head) return;
  const message = await buildNotice(ctx, deps, head);
  if (!message) {
    await ctx.db.transaction((tx) => failNotice(tx, noticeId, 'every case of the notice was cancelled before it was sent', ctx.clock.now()));
    return;
  }
  let sent;
  try {
    sent = await ctx.mailer.send(message);
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    // Deferred (4xx, unreachable) is tried again each round, up to MAX_SEND_ATTEMPTS; refused (5xx), or deferred that
    // often, the notice fails and its cases go to an analyst: the address needs a person, not another day of retries.
    const giveUp = !err.retriable || head.attempts + 1 >= MAX_SEND_ATTEMPTS;
    await ctx.db.transaction(async (tx) => {
      if (!giveUp) return recordNoticeAttempt(tx, noticeId, err.message);
      await failNotice(
        tx,
        noticeId,
        `the mail server ${err.retriable ? `deferred it ${head.attempts + 1} times` : 'refused it'}: ${err.message}`,
        ctx.clock.now(),
      );
    });
    ctx.logger.warn({ noticeId, code: err.code, gaveUp: giveUp }, 'takedown notice not sent');
    return;
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await lockSendingNotice(tx, noticeId))) return;
    await markNoticeSent(tx, noticeId, sent.messageId, sent.rejected, now);
    for (const item of await noticeItemsOf(tx, noticeId)) {
      await recordNoticeOnCase(tx, item.caseId, now);
      await addEvent(
        tx,
        item.caseId,
        'notice_sent',
        { noticeId, number: item.noticeNumber, level: head.level, contact: head.contact, messageId: sent.messageId },
        now,
      );
    }
  });
  ctx.logger.info({ noticeId, level: head.level }, 'takedown notice sent');
}

async function buildNotice(ctx: TakedownContext, deps: TakedownDeps, head: NoticeHead) {
  const cfg = deps.cfg;
  const items = [];
  let escalation: { providerNotices: number; providerName: string | null } | undefined;
  for (const it of await noticeItemsOf(ctx.db, head.id)) {
    const c = await getCase(ctx.db, it.caseId);
    // A case cancelled (revised) after the notice was gathered is left out of its mail.
    if (!c || c.state === 'cancelled') continue;
    // An escalation says how long the provider has been told; with several URLs, the least of them (conservative).
    if (head.level !== 'provider' && (!escalation || c.noticesSent < escalation.providerNotices)) {
      escalation = { providerNotices: c.noticesSent, providerName: c.providerName };
    }
    const hashed = (await caseItems(ctx.db, c.id)).find((i) => i.active && i.sha256);
    const trace = c.trace as HostingTrace | null;
    const xarf = buildXarfCsam({
      reportId: derivedUuid(`${head.id}/${c.id}`),
      timestamp: head.createdAt,
      reporter: { org: cfg.TAKEDOWN_HOTLINE_NAME, contact: cfg.TAKEDOWN_HOTLINE_EMAIL, domain: cfg.TAKEDOWN_HOTLINE_EMAIL.split('@')[1] ?? 'hotline.invalid' },
      url: c.url,
      ip: trace?.ip ?? null,
      classification: c.classification,
      hashes: hashed ? { sha256: hashed.sha256!, md5: hashed.md5 ?? undefined, sha1: hashed.sha1 ?? undefined, pdq: hashed.pdq ?? undefined } : undefined,
      detectionMethod: c.origin === 'auto_list' ? 'hash_match' : 'manual_review',
      mediaType: c.classification.contentType === 'video' ? 'video' : 'image',
      firstSeen: c.firstReportedAt,
    });
    items.push({
      caseId: c.id,
      url: c.url,
      ip: trace?.ip ?? null,
      host: trace?.host ?? new URL(c.url).hostname,
      firstReportedAt: c.firstReportedAt,
      decidedAt: c.confirmedAt,
      noticeNumber: it.noticeNumber,
      xarf,
      classificationLabel: classificationLabel(c.classification),
    });
  }
  if (items.length === 0) return null;
  const mail = composeNoticeMail({
    noticeId: head.id,
    to: head.contact,
    level: head.level,
    language: head.language,
    hotline: { name: cfg.TAKEDOWN_HOTLINE_NAME, email: cfg.TAKEDOWN_HOTLINE_EMAIL, website: cfg.TAKEDOWN_HOTLINE_WEBSITE, country: cfg.TAKEDOWN_HOME_COUNTRY },
    items,
    escalation,
    sentAt: head.createdAt,
  });
  const domain = cfg.TAKEDOWN_HOTLINE_EMAIL.split('@')[1] ?? 'hotline.invalid';
  return { ...mail, messageId: `<notice-${head.id}@${domain}>` };
}

function summary(t: HostingTrace) {
  return { ip: t.ip, country: t.country, asn: t.asn, provider: t.provider.name ?? t.asName, abuse: t.abuse.email };
}

/** A notice's id follows from what it carries, so the same due items always make the same notice. */
function noticeIdFor(contact: string, itemIds: string[]): string {
  return derivedUuid(`${contact}\n${itemIds.join(',')}`);
}

/** A UUID (version 8: custom) from SHA-256 of the text. */
export function derivedUuid(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
