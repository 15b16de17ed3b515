import { GoneError, HotlineError, NotFoundError } from '@hotline/platform';
import { contentFacts, findQueueItem } from '@hotline/reports';
import type { ReviewContext } from '../config';

const BYTES_DELETED = 'The bytes were deleted under the retention rules; the hashes remain.';

/**
 * The sealed bytes of a content item, decrypted in memory for one response (never written out).
 * Only hashed contents are items, so the hasher already decoded them within its pixel limit.
 * 410 `content_missing` once retention has deleted the bytes (or they are not in the store at all).
 */
export async function itemBytes(ctx: ReviewContext, itemId: string): Promise<{ bytes: Buffer; mime: string; contentId: string }> {
  const item = await findQueueItem(ctx.db, itemId);
  if (!item) throw new NotFoundError('No review item with that id.');
  if (item.kind !== 'content' || !item.contentId) throw new NotFoundError('This item is a URL without an image.');
  const facts = await contentFacts(ctx.db, item.contentId);
  if (!facts) throw new NotFoundError('The content of this item is gone.');
  if (facts.bytesDeletedAt) throw new GoneError(BYTES_DELETED, 'content_missing');
  try {
    return { bytes: await ctx.content.get(ctx.db, facts.blobKey), mime: facts.mime, contentId: facts.id };
  } catch (err) {
    // A blob deleted between the two reads (retention running now) is the same answer.
    if (err instanceof HotlineError && err.code === 'content_missing') throw new GoneError(BYTES_DELETED, 'content_missing');
    throw err;
  }
}
