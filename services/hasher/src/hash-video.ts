import { DecodeError, enqueueEvent, videoHashed, type ContentFetched } from '@hotline/platform';
import { hashVideo, videoOptions } from '@hotline/hashing';
import { contentState, recordVideoHashes } from '@hotline/reports';
import type { HasherContext } from './config';
import { failUndecodable } from './fail-undecodable';

/**
 * A video content: its digests and one PDQ per second of video (see @hotline/hashing's hashVideo),
 * recorded with its frames and announced as video.hashed in one transaction. Idempotent as the
 * image path: only a `stored` content is worked on. A video ffmpeg cannot read (truncated, hostile,
 * too long, too slow, or no ffmpeg installed) ends `failed` with the reason and becomes a `url`
 * review item, as an undecodable image does.
 */
export async function hashVideoContent(ctx: HasherContext, ev: ContentFetched): Promise<void> {
  if ((await contentState(ctx.db, ev.contentId)) !== 'stored') return;
  const bytes = await ctx.content.get(ctx.db, ev.blobKey);
  const t0 = Date.now();
  let video;
  try {
    video = await hashVideo(bytes, { ...videoOptions(ctx.cfg), mime: ev.mime });
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    await failUndecodable(ctx, ev, err.message, 'video', 'video');
    return;
  }
  const durationMs = Math.round(video.durationSeconds * 1000);
  const { md5, sha1, sha256, width, height, frames } = video;
  const won = await ctx.db.transaction(async (tx) => {
    if (!(await recordVideoHashes(tx, ev.contentId, { hashes: { md5, sha1, sha256 }, durationMs, width, height, frames }))) return false;
    await enqueueEvent(tx, videoHashed, { contentId: ev.contentId, reportId: ev.reportId, hashes: { md5, sha1, sha256 }, durationMs, width, height, frames });
    return true;
  });
  if (!won) return;
  ctx.metrics.contentsHashed.inc();
  ctx.logger.info(
    { contentId: ev.contentId, reportId: ev.reportId, mime: ev.mime, width, height, durationMs, frames: frames.length, ms: Date.now() - t0 },
    'video hashed',
  );
  ctx.relay.kick();
}
