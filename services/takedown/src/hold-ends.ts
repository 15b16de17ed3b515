import { addEvent, lockCase, noticeCount, noticeLanguage, queueNotice, setCaseState } from '@hotline/takedown';
import type { TakedownContext } from './config';

/** `takedown.hold-ends`: a case held for a fixed time (not for clearance) becomes active, its first notice in line. */
export async function endHold(ctx: TakedownContext, caseId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (!c || c.state !== 'held' || c.noticeWhen !== 'after_hold' || !c.abuseEmail) return;
    if (c.noticeNotBefore && new Date(c.noticeNotBefore) > now) return; // a re-trace moved the hold; its own timer ends it
    await setCaseState(tx, caseId, 'active', null, now);
    await queueNotice(tx, {
      caseId,
      noticeNumber: (await noticeCount(tx, caseId)) + 1,
      level: 'provider',
      contact: c.abuseEmail,
      language: noticeLanguage(c.trace),
      dueAt: now,
    });
    await addEvent(tx, caseId, 'hold_ended', {}, now);
  });
}
