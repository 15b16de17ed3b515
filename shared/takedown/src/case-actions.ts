import { ConflictError, NotFoundError, recordAudit, scheduleJob, type Db } from '@hotline/platform';
import { TAKEDOWN_JOBS } from './job-names';
import { noticeLanguage } from './notice-language';
import type { TakedownCase } from './store/case-types';
import { addEvent, lockCase, recordClearance, setCaseState } from './store/cases-store';
import { cancelPendingNotices, noticeCount, queueNotice } from './store/notices-store';

// What people do to a case from the console: each in one transaction with its timeline entry and audit row.

async function locked(tx: Parameters<Parameters<Db['transaction']>[0]>[0], caseId: string): Promise<TakedownCase> {
  const c = await lockCase(tx, caseId);
  if (!c) throw new NotFoundError('No takedown case with that id.');
  return c;
}

/** Police (or the prosecutor) cleared a held case: the provider's first notice goes in line now. */
export async function clearCase(db: Db, caseId: string, actor: string, now: Date): Promise<TakedownCase> {
  return db.transaction(async (tx) => {
    const c = await locked(tx, caseId);
    if (c.state !== 'held') throw new ConflictError(`The case is ${c.state}, not held for clearance.`, 'not_held');
    await recordClearance(tx, caseId, actor, now);
    if (c.abuseEmail && (await noticeCount(tx, caseId)) === 0) {
      await queueNotice(tx, { caseId, noticeNumber: 1, level: 'provider', contact: c.abuseEmail, language: noticeLanguage(c.trace), dueAt: now });
    }
    await addEvent(tx, caseId, 'cleared', { by: actor }, now);
    await recordAudit(tx, actor, 'takedown.cleared', caseId, {});
    return { ...c, state: 'active', clearedAt: now.toISOString(), clearedBy: actor };
  });
}

/** Trace and route again (after a correction in the provider directory, or to accept a move). */
export async function retraceCase(db: Db, caseId: string, actor: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await locked(tx, caseId);
    if (c.state === 'removed' || c.state === 'cancelled') throw new ConflictError(`The case is ${c.state}.`, 'case_closed');
    await cancelPendingNotices(tx, caseId);
    await setCaseState(tx, caseId, 'tracing', `re-trace asked by ${actor}`, now);
    await scheduleJob(tx, { name: TAKEDOWN_JOBS.trace, key: `${caseId}:trace:${now.getTime()}`, runAt: now, payload: { caseId } });
    await addEvent(tx, caseId, 'retrace_requested', { by: actor }, now);
    await recordAudit(tx, actor, 'takedown.retrace', caseId, {});
  });
}

/** An analyst closes a case by hand (not illegal after all, handled elsewhere): no more notices or checks. */
export async function cancelCase(db: Db, caseId: string, actor: string, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await locked(tx, caseId);
    if (c.state === 'removed' || c.state === 'cancelled') throw new ConflictError(`The case is ${c.state}.`, 'case_closed');
    await cancelPendingNotices(tx, caseId);
    await setCaseState(tx, caseId, 'cancelled', reason, now);
    await addEvent(tx, caseId, 'cancelled', { by: actor, reason }, now);
    await recordAudit(tx, actor, 'takedown.cancelled', caseId, { reason });
  });
}
