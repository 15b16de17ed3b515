import { contentHashed, DecodeError, enqueueEvent, type ContentFetched } from '@hotline/platform';
import { hashOptionsFrom, inlineHasher, isVideoMime, type ImageHasher } from '@hotline/hashing';
import { contentState, recordHashes } from '@hotline/reports';
import type { HasherContext } from './config';
import { decodeReasonClass } from './reason-class';
import { failUndecodable } from './fail-undecodable';
import { hashVideoContent } from './hash-video';

/**
 * Decrypts, decodes and hashes one content. Idempotent: only a content still in state `stored` is
 * worked on, and the state change and the outgoing event commit together. An image the decoder
 * refuses ends in state `failed` with the reason, which is final. One info line per outcome, ids
 * and image facts only. `hasher` is the service's worker pool; tests may hash on their own thread.
 */
export async function hashContent(ctx: HasherContext, ev: ContentFetched, hasher: ImageHasher = inlineHasher): Promise<void> {
  if (isVideoMime(ev.mime)) return hashVideoContent(ctx, ev);
  if ((await contentState(ctx.db, ev.contentId)) !== 'stored') return;
  const bytes = await ctx.content.get(ctx.db, ev.blobKey);
  let result;
  const endTimer = ctx.metrics.hashDuration.startTimer();
  try {
    result = await hasher.hash(bytes, { ...hashOptionsFrom(ctx.cfg), mime: ev.mime });
  } catch (err) {
    endTimer();
    if (!(err instanceof DecodeError)) throw err;
    await failUndecodable(ctx, ev, err.message, decodeReasonClass(err.message), 'content');
    return;
  }
  endTimer();
  const { hashes, width, height, pdqQuality, pdqVariants } = result;
  const won = await ctx.db.transaction(async (tx) => {
    const updated = await recordHashes(tx, ev.contentId, { hashes, pdqQuality, pdqVariants, width, height });
    // A concurrent redelivery may have won the race; then it also wrote the event.
    if (!updated) return false;
    await enqueueEvent(tx, contentHashed, { contentId: ev.contentId, reportId: ev.reportId, hashes, pdqQuality, pdqVariants, width, height });
    return true;
  });
  if (!won) return;
  ctx.metrics.contentsHashed.inc();
  ctx.logger.info({ contentId: ev.contentId, reportId: ev.reportId, mime: ev.mime, width, height, pdqQuality, weakPdq: pdqQuality < 50 }, 'content hashed');
  ctx.relay.kick();
}
