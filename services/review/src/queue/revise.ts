import { ConflictError, NotFoundError, recordAudit } from '@hotline/platform';
import { findQueueItem, finalDecision, insertDecision, listDecisions, lockItem, type DecisionInput } from '@hotline/reports';
import type { ReviewContext } from '../config';
import { classificationOf, type Decided, type Decider } from './decide';
import { feedOwnLists, settleDecided } from './settle';

/**
 * A senior corrects a decided item: a `revision` decision that becomes the item's effective one (new
 * copies of the bytes are auto-resolved with it), audited (`item.revised`) and announced again with
 * review.decided. An illegal revision feeds the own lists like any illegal decision.
 */
export async function reviseItem(ctx: ReviewContext, itemId: string, who: Decider, input: DecisionInput): Promise<Decided> {
  const decision = await ctx.db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('No review item with that id.');
    if (item.status !== 'decided')
      throw new ConflictError('Only a decided item can be revised; decide it from the queue.', 'not_decided', { status: item.status });
    const before = finalDecision(await listDecisions(tx, itemId));
    const now = ctx.clock.now();
    const row = await insertDecision(tx, { ...input, itemId, stage: 'revision', decidedBy: who.userId, bulkReportId: null, at: now });
    // Lock order as in a decision: the item, its reports (in settleDecided), then the audit log and hash_changes.
    await settleDecided(ctx, tx, item, row, now);
    await recordAudit(tx, who.userId, 'item.revised', itemId, {
      decisionId: row.id,
      previousDecisionId: before?.id ?? null,
      verdict: input.verdict,
      classification: classificationOf(input),
    });
    await feedOwnLists(tx, item, row, who.userId);
    return row;
  });
  ctx.relay.kick();
  return { decision, item: (await findQueueItem(ctx.db, itemId))! };
}
