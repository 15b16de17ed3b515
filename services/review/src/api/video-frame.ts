import { NotFoundError, Semaphore, ValidationError } from '@hotline/platform';
import { extractFrame, isVideoMime, thumbnail } from '@hotline/hashing';
import { findQueueItem, hasFrameAt } from '@hotline/reports';
import type { ReviewContext } from '../config';

/** libvips' own default; a frame is at most FRAME_SIDE² pixels anyway. */
const MAX_PIXELS = 268_402_689;
/** Frames are cut at this size, then made a 160 px thumbnail: no need to decode the full picture into a PNG. */
const FRAME_SIDE = 640;

/**
 * Video frames cut at once in this process: each holds a decrypted video in memory, a temp copy and an ffmpeg
 * process, and a frame strip asks for up to 24 — a few analysts at once must not exhaust the review's memory.
 */
const frameSlots = new Semaphore(2);

/** Runs `fn` (decrypt a video, cut a frame) in one of the process's frame slots. */
export function withFrameSlot<T>(fn: () => Promise<T>): Promise<T> {
  return frameSlots.run(fn);
}

/** The blurred grayscale thumbnail of one frame of a video's bytes (decrypted by the caller, in memory). */
export async function frameThumbnail(ctx: ReviewContext, video: { bytes: Buffer; mime: string }, timestampMs: number): Promise<Buffer> {
  const png = await extractFrame(video.bytes, timestampMs, {
    ffmpegPath: ctx.cfg.FFMPEG_PATH,
    timeoutSeconds: ctx.cfg.REVIEW_FRAME_TIMEOUT_SECONDS,
    maxSide: FRAME_SIDE,
    mime: video.mime,
  });
  return thumbnail(png, { maxInputPixels: MAX_PIXELS });
}

/** A frame time of the path: whole milliseconds, and one of the item's sampled frames (the hasher's 1 per second), or 400. */
export async function sampledFrameOf(ctx: ReviewContext, itemId: string, raw: string): Promise<number> {
  if (!/^\d{1,9}$/.test(raw)) throw new ValidationError('The timestampMs must be a whole number of milliseconds.');
  const timestampMs = Number(raw);
  const item = await findQueueItem(ctx.db, itemId);
  if (!item) throw new NotFoundError('No review item with that id.');
  if (!item.contentId || !item.mime || !isVideoMime(item.mime)) throw new ValidationError('This item is not a video: it has no frames.');
  if (!(await hasFrameAt(ctx.db, item.contentId, timestampMs)))
    throw new ValidationError(`No frame of this video was sampled at ${timestampMs} ms: frames are sampled once a second (0, 1000, 2000 …).`);
  return timestampMs;
}
