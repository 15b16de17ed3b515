import { randomUUID } from 'node:crypto';
import { recordAudit, scheduleJob, type Queryable } from '@hotline/platform';
import {
  addEvent,
  buildReferral,
  cancelPendingNotices,
  caseItems,
  getCase,
  hasPendingNotice,
  insertCheck,
  lockCase,
  noticeCount,
  queueNotice,
  recordCheckOnCase,
  setCaseState,
  TAKEDOWN_JOBS,
  type TakedownCase,
} from '@hotline/takedown';
import { checkServed, type CheckResult } from './check-served';
import type { TakedownContext } from './config';
import type { TakedownDeps } from './deps';
import { nextNotice, renoticeDue } from './escalation';
import { referTo } from './routing';

const FINAL = new Set(['removed', 'cancelled']);

/**
 * `takedown.check` number n: re-fetch and re-hash (outside any transaction), then record the outcome once. Removal
 * is recorded after TAKEDOWN_REMOVED_AFTER consecutive checks that do not find the content; while it is served, the
 * next notice goes in line (escalating); every check schedules the next.
 */
export async function checkCase(ctx: TakedownContext, deps: TakedownDeps, caseId: string, n: number, signal?: AbortSignal): Promise<void> {
  const before = await getCase(ctx.db, caseId);
  if (!before || FINAL.has(before.state)) return;
  const items = (await caseItems(ctx.db, caseId)).filter((i) => i.active);
  const result = await checkServed(ctx.cfg, before.url, items, signal);
  const now = ctx.clock.now();
  const removed = await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (!c || FINAL.has(c.state)) return false;
    if (!(await insertCheck(tx, { caseId, checkNumber: n, outcome: result.outcome, httpStatus: result.httpStatus, detail: result.detail, at: now })))
      return false;
    await recordCheckOnCase(tx, caseId, result.outcome, now);
    await addEvent(tx, caseId, 'checked', { n, outcome: result.outcome, httpStatus: result.httpStatus, detail: result.detail }, now);
    const absentInRow = result.outcome === 'absent' ? c.consecutiveAbsent + 1 : result.outcome === 'present' ? 0 : c.consecutiveAbsent;
    if (absentInRow >= deps.cfg.TAKEDOWN_REMOVED_AFTER) {
      await recordRemoval(tx, c, absentInRow, now);
      return true;
    }
    if (result.outcome === 'present' && c.state === 'active') await lineUpRepeat(tx, deps, c, result, now);
    await scheduleJob(tx, {
      name: TAKEDOWN_JOBS.check,
      key: `${caseId}:check:${n + 1}`,
      runAt: new Date(now.getTime() + deps.cfg.TAKEDOWN_CHECK_HOURS * 3_600_000),
      payload: { caseId, n: n + 1 },
    });
    return false;
  });
  ctx.logger.info({ caseId, check: n, outcome: result.outcome, removed }, 'takedown case checked');
}

async function recordRemoval(tx: Queryable, c: TakedownCase, checks: number, now: Date): Promise<void> {
  await cancelPendingNotices(tx, c.id);
  await setCaseState(tx, c.id, 'removed', `${checks} consecutive checks did not find the content`, now);
  await addEvent(tx, c.id, 'removed', { checks, noticesSent: c.noticesSent }, now);
  await recordAudit(tx, 'takedown', 'takedown.removed', c.id, { checks, noticesSent: c.noticesSent });
}

/** Still served: the next notice (escalated as the count grows), and past TAKEDOWN_POLICE_AFTER a police referral, once. */
async function lineUpRepeat(tx: Queryable, deps: TakedownDeps, c: TakedownCase, result: CheckResult, now: Date): Promise<void> {
  if ((await hasPendingNotice(tx, c.id)) || !renoticeDue(deps, c, now)) return;
  const number = (await noticeCount(tx, c.id)) + 1;
  const next = nextNotice(deps, c, number);
  if (next) {
    await queueNotice(tx, {
      caseId: c.id,
      noticeNumber: number,
      level: next.level,
      contact: next.contact,
      language: next.language,
      dueAt: new Date(now.getTime() + deps.cfg.TAKEDOWN_NOTICE_GATHER_MINUTES * 60_000),
    });
    await addEvent(tx, c.id, 'notice_due', { number, level: next.level, reason: result.detail }, now);
  }
  const police = deps.rules.police;
  if (number > deps.cfg.TAKEDOWN_POLICE_AFTER && police) {
    const trace = (c.trace ?? {}) as { host?: string; ip?: string | null };
    const items = (await caseItems(tx, c.id)).filter((i) => i.active);
    const document = buildReferral({
      referralId: randomUUID(),
      createdAt: now.toISOString(),
      from: { hotline: deps.cfg.TAKEDOWN_HOTLINE_NAME, country: deps.cfg.TAKEDOWN_HOME_COUNTRY },
      to: { kind: 'police', name: police.name, country: deps.cfg.TAKEDOWN_HOME_COUNTRY },
      reason: 'escalation',
      url: c.url,
      host: trace.host ?? new URL(c.url).hostname,
      ip: trace.ip ?? null,
      classification: c.classification,
      hashes: items.map((i) => ({ sha256: i.sha256, md5: i.md5, sha1: i.sha1, pdq: i.pdq })),
      trace: c.trace as never,
      firstReportedAt: c.firstReportedAt,
      decidedAt: c.confirmedAt,
      caseId: c.id,
    });
    const channel = police.url ? 'http' : police.email ? 'email' : 'none';
    await referTo(
      tx,
      deps,
      c.id,
      {
        kind: 'police',
        name: police.name,
        country: deps.cfg.TAKEDOWN_HOME_COUNTRY,
        channel,
        address: police.url ?? police.email ?? null,
        reason: 'escalation',
        note: null,
      },
      document,
      now,
    );
  }
}
