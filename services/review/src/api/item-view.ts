import { NotFoundError } from '@hotline/platform';
import { findDecision, findQueueItem, listDecisions, listItemSources, prefillOf } from '@hotline/reports';
import type { ReviewContext } from '../config';

/** An item as the console shows it: no bytes, only what is needed to judge and classify. */
export async function itemDetail(ctx: ReviewContext, itemId: string) {
  const item = await findQueueItem(ctx.db, itemId);
  if (!item) throw new NotFoundError('No review item with that id.');
  const prefillId = await prefillOf(ctx.db, itemId);
  const prefill = prefillId ? await findDecision(ctx.db, prefillId) : null;
  return {
    ...item,
    sources: await listItemSources(ctx.db, itemId),
    image: item.kind === 'content' ? { mime: item.mime, width: item.width, height: item.height } : null,
    prefill: prefill ? { ...prefill, note: undefined } : null,
    decisions: await listDecisions(ctx.db, itemId),
  };
}
