import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecodeError } from '@hotline/platform';
import { lastError, runTool } from './run-tool';
import { sniffVideo, VIDEO_FORMAT_LABELS, videoFormatOfMime } from './video-formats';

export interface ExtractFrameOptions {
  ffmpegPath: string;
  /** The whole run; ffmpeg's process group is killed after it. */
  timeoutSeconds: number;
  /** The frame is scaled down (never up) to fit this many pixels on its longer side. */
  maxSide: number;
  /** The type the content was stored as; bytes of another container are refused. */
  mime?: string;
}

/** A PNG of one frame is far below this at `maxSide` ≤ 2048; more is a misbehaving decoder. */
const MAX_PNG_BYTES = 32 * 1024 * 1024;

/**
 * One frame of a video as a PNG: the frame shown at `timestampMs`, rotation applied, scaled to fit
 * `maxSide`. The same guarded invocation as hashVideo: the container sniffed from the bytes and only
 * its demuxer forced (`-f`), the file protocol only, no hardware decoding, stdin closed, `-xerror`,
 * the process group killed at the time limit. The bytes go to a private temporary file that is
 * deleted as soon as ffmpeg is done.
 */
export async function extractFrame(bytes: Buffer, timestampMs: number, opts: ExtractFrameOptions): Promise<Buffer> {
  if (!Number.isInteger(timestampMs) || timestampMs < 0) throw new DecodeError('a frame time must be a whole number of milliseconds, at least 0');
  const format = sniffVideo(bytes.subarray(0, 4096));
  if (!format) throw new DecodeError(`not a recognised video format (supported: ${VIDEO_FORMAT_LABELS.join(', ')})`);
  if (opts.mime !== undefined && videoFormatOfMime(opts.mime)?.demuxer !== format.demuxer) {
    throw new DecodeError(`content stored as ${videoFormatOfMime(opts.mime)?.label ?? opts.mime} is ${format.label} by its bytes`);
  }
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const dir = await mkdtemp(join(tmpdir(), 'hotline-frame-'));
  try {
    const file = join(dir, 'input');
    await writeFile(file, bytes, { mode: 0o600 });
    const side = opts.maxSide;
    const args = [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-xerror', '-hwaccel', 'none'],
      // Seeking on the input decodes from the keyframe before and drops frames up to the time (accurate_seek).
      ...['-ss', (timestampMs / 1000).toFixed(3), '-protocol_whitelist', 'file', '-f', format.demuxer, '-i', file],
      ...['-map', '0:v:0', '-an', '-sn', '-dn', '-frames:v', '1'],
      ...['-vf', `scale=w='min(${side},iw)':h='min(${side},ih)':force_original_aspect_ratio=decrease`],
      ...['-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    ];
    const run = await runTool(opts.ffmpegPath, args, { deadline, maxStdout: MAX_PNG_BYTES });
    if (run.code !== 0) throw new DecodeError(`the frame could not be decoded: ${lastError(run.stderr)}`);
    if (run.stdout.length === 0) throw new DecodeError(`the video has no frame at ${timestampMs} ms`);
    return run.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
