import { ForbiddenError, NotFoundError } from '@hotline/platform';
import { analystMaySee, findQueueItem, holdsLease } from '@hotline/reports';
import type { ReviewContext } from '../config';
import type { Decider } from './decide';

/**
 * Seniors see every item. An analyst sees an item of an open report, one they hold or one they decided
 * (403 `item_not_visible` otherwise: closed reports are passive files for seniors).
 */
export async function assertMaySee(ctx: ReviewContext, itemId: string, who: Decider): Promise<void> {
  if (!(await findQueueItem(ctx.db, itemId))) throw new NotFoundError('No review item with that id.');
  if (who.senior) return;
  if (!(await analystMaySee(ctx.db, { itemId, userId: who.userId, now: ctx.clock.now() }))) {
    throw new ForbiddenError('This item belongs to a closed report; a senior analyst can open it.', 'item_not_visible');
  }
}

/** A reveal (the full image) needs the item's lease: analysts look at what they are judging. Seniors may always. */
export async function assertMayReveal(ctx: ReviewContext, itemId: string, who: Decider): Promise<void> {
  if (!(await findQueueItem(ctx.db, itemId))) throw new NotFoundError('No review item with that id.');
  if (who.senior) return;
  if (!(await holdsLease(ctx.db, { itemId, userId: who.userId, now: ctx.clock.now() }))) {
    throw new ForbiddenError('Claim this item from the queue to view its image.', 'lease_required');
  }
}
