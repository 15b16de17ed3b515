import { NotFoundError } from '@hotline/platform';
import { isVideoMime } from '@hotline/hashing';
import { findDecision, findQueueItem, listDecisions, listItemSources, prefillOf, videoReview } from '@hotline/reports';
import type { ReviewContext } from '../config';

/** An item as the console shows it: no bytes, only what is needed to judge and classify. */
export async function itemDetail(ctx: ReviewContext, itemId: string) {
  const item = await findQueueItem(ctx.db, itemId);
  if (!item) throw new NotFoundError('No review item with that id.');
  const prefillId = await prefillOf(ctx.db, itemId);
  const prefill = prefillId ? await findDecision(ctx.db, prefillId) : null;
  const media = item.kind !== 'content' ? null : item.mime && isVideoMime(item.mime) ? 'video' : 'image';
  return {
    ...item,
    sources: await listItemSources(ctx.db, itemId),
    media,
    image: media === 'image' ? { mime: item.mime, width: item.width, height: item.height } : null,
    video: media === 'video' && item.contentId ? await videoDetail(ctx, item.contentId, item) : null,
    prefill: prefill ? { ...prefill, note: undefined } : null,
    decisions: await listDecisions(ctx.db, itemId),
  };
}

/** A video item's facts and what matched, frame by frame: list entries hit by frames, and known videos by their shares. */
async function videoDetail(ctx: ReviewContext, contentId: string, item: { mime: string | null; width: number | null; height: number | null }) {
  const v = await videoReview(ctx.db, contentId);
  if (!v) return null;
  const matched = new Set([...v.listHits.flatMap((h) => h.timestampsMs), ...v.knownVideos.flatMap((k) => k.timestampsMs)]);
  return {
    mime: item.mime,
    width: item.width,
    height: item.height,
    durationMs: v.durationMs,
    frameCount: v.frameTimestampsMs.length,
    /** Times (ms) of the sampled frames that matched something, in order: the console's frame strip. */
    matchedFramesMs: v.frameTimestampsMs.filter((t) => matched.has(t)),
    listMatches: v.listHits,
    videoMatches: v.knownVideos,
  };
}
