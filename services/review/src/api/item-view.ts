import { NotFoundError } from '@hotline/platform';
import { contentFacts, findDecision, findQueueItem, listDecisions, listItemSources, prefillOf } from '@hotline/reports';
import type { ReviewContext } from '../config';

/** An item as the console shows it: no bytes, only what is needed to judge and classify. */
export async function itemDetail(ctx: ReviewContext, itemId: string) {
  const item = await findQueueItem(ctx.db, itemId);
  if (!item) throw new NotFoundError('No review item with that id.');
  const prefillId = await prefillOf(ctx.db, itemId);
  const prefill = prefillId ? await findDecision(ctx.db, prefillId) : null;
  const facts = item.contentId ? await contentFacts(ctx.db, item.contentId) : null;
  return {
    ...item,
    sources: await listItemSources(ctx.db, itemId),
    image: item.kind === 'content' ? { mime: item.mime, width: item.width, height: item.height } : null,
    /** Set once retention deleted the bytes: the image and thumbnail then answer 410 content_missing. */
    bytesDeletedAt: facts?.bytesDeletedAt ?? null,
    prefill: prefill ? { ...prefill, note: undefined } : null,
    decisions: await listDecisions(ctx.db, itemId),
  };
}
