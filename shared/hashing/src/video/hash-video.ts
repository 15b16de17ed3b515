import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecodeError } from '@hotline/platform';
import { pdqFromRgba } from '../pdq';
import type { VideoConfig } from './config';
import { probeVideo } from './probe-video';
import { lastError, runTool } from './run-tool';
import { sniffVideo, VIDEO_FORMAT_LABELS, videoFormatOfMime } from './video-formats';

export interface VideoFrameHash {
  /** Time of the sampled frame from the start of the video (1 frame per second: 0, 1000, 2000 …). */
  timestampMs: number;
  pdq: string;
  /** PDQ quality 0..100; frames below 50 (fades, black frames) are weak. */
  quality: number;
}

export interface HashedVideo {
  md5: string;
  sha1: string;
  sha256: string;
  durationSeconds: number;
  width: number;
  height: number;
  format: string;
  frames: VideoFrameHash[];
}

export interface HashVideoOptions {
  ffmpegPath: string;
  ffprobePath: string;
  maxSeconds: number;
  maxBytes: number;
  timeoutSeconds: number;
  frameMaxSide: number;
  /** The type the content was stored as; bytes of another container are refused. */
  mime?: string;
}

export function videoOptions(cfg: VideoConfig): HashVideoOptions {
  return {
    ffmpegPath: cfg.FFMPEG_PATH,
    ffprobePath: cfg.FFPROBE_PATH,
    maxSeconds: cfg.VIDEO_MAX_SECONDS,
    maxBytes: cfg.VIDEO_MAX_BYTES,
    timeoutSeconds: cfg.VIDEO_TIMEOUT_SECONDS,
    frameMaxSide: cfg.VIDEO_FRAME_MAX_SIDE,
  };
}

/**
 * MD5/SHA-1/SHA-256 of the file and PDQ of one frame per second, in the manner of Meta's vPDQ:
 * 1. the container is sniffed from the bytes and only its ffmpeg demuxer may read it (`-f`), over
 *    the file protocol only, no hardware decoding, stdin closed;
 * 2. ffprobe reads duration and the first video stream (more than `maxSeconds` is refused, no video
 *    stream is a DecodeError);
 * 3. ffmpeg decodes the first video stream with `fps=1` (the frame shown at 0 s, 1 s, 2 s …),
 *    rotation applied, scaled to fit `frameMaxSide` (aspect kept), as 8-bit RGB; any decoding
 *    error stops it (`-xerror`: a truncated file fails rather than hash half a video);
 * 4. PDQ of each frame's RGB (luma 0.299 R + 0.587 G + 0.114 B, see pdq.ts).
 * The whole run is bounded by `timeoutSeconds` (the process group is killed) and by `maxSeconds`
 * of frames, whatever the file declared.
 */
export async function hashVideo(input: Buffer | { path: string }, opts: HashVideoOptions): Promise<HashedVideo> {
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const size = Buffer.isBuffer(input) ? input.length : (await stat(input.path)).size;
  if (size > opts.maxBytes) throw new DecodeError(`video of ${size} bytes exceeds the limit of ${opts.maxBytes} bytes`);
  const dir = await mkdtemp(join(tmpdir(), 'hotline-video-'));
  try {
    let file: string;
    if (Buffer.isBuffer(input)) {
      file = join(dir, 'input');
      await writeFile(file, input, { mode: 0o600 });
    } else {
      file = input.path;
    }
    const head = Buffer.isBuffer(input) ? input.subarray(0, 4096) : await readHead(file);
    const format = sniffVideo(head);
    if (!format) throw new DecodeError(`not a recognised video format (supported: ${VIDEO_FORMAT_LABELS.join(', ')})`);
    if (opts.mime !== undefined && videoFormatOfMime(opts.mime)?.demuxer !== format.demuxer) {
      throw new DecodeError(`content stored as ${videoFormatOfMime(opts.mime)?.label ?? opts.mime} is ${format.label} by its bytes`);
    }
    const digests = Buffer.isBuffer(input) ? digestsOf(input) : await digestsOfFile(file);
    const probe = await probeVideo(opts.ffprobePath, file, format.demuxer, deadline);
    if (probe.durationSeconds > opts.maxSeconds) {
      throw new DecodeError(`video of ${Math.round(probe.durationSeconds)} s exceeds the limit of ${opts.maxSeconds} s`);
    }
    const [w, h] = fitWithin(probe.width, probe.height, opts.frameMaxSide);
    const frames = await decodeFrames(file, format.demuxer, w, h, opts, deadline);
    return { ...digests, durationSeconds: probe.durationSeconds, width: probe.width, height: probe.height, format: format.label, frames };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function decodeFrames(file: string, demuxer: string, w: number, h: number, opts: HashVideoOptions, deadline: number): Promise<VideoFrameHash[]> {
  const frameBytes = w * h * 3;
  const maxFrames = Math.ceil(opts.maxSeconds) + 2;
  const frames: VideoFrameHash[] = [];
  const frame = Buffer.alloc(frameBytes);
  let filled = 0;
  const onStdout = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(frameBytes - filled, chunk.length - at);
      chunk.copy(frame, filled, at, at + n);
      filled += n;
      at += n;
      if (filled === frameBytes) {
        if (frames.length >= maxFrames) throw new DecodeError(`video runs longer than the limit of ${opts.maxSeconds} s`);
        const { hash, quality } = pdqFromRgba(frame, w, h, 3);
        frames.push({ timestampMs: frames.length * 1000, pdq: hash, quality });
        filled = 0;
      }
    }
  };
  const args = [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-xerror', '-hwaccel', 'none'],
    ...['-protocol_whitelist', 'file', '-f', demuxer, '-i', file],
    ...['-map', '0:v:0', '-an', '-sn', '-dn'],
    ...['-vf', `fps=1,scale=${w}:${h}:flags=area`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
  ];
  const run = await runTool(opts.ffmpegPath, args, { deadline, onStdout });
  if (run.code !== 0) throw new DecodeError(`video could not be decoded: ${lastError(run.stderr)}`);
  if (frames.length === 0) throw new DecodeError('video could not be decoded: no frame');
  return frames;
}

/** Display size scaled down (never up) to fit `side` on its longer edge, at least 1 px each way. */
function fitWithin(width: number, height: number, side: number): [number, number] {
  const scale = Math.min(1, side / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

function digestsOf(bytes: Buffer): Pick<HashedVideo, 'md5' | 'sha1' | 'sha256'> {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function digestsOfFile(file: string): Promise<Pick<HashedVideo, 'md5' | 'sha1' | 'sha256'>> {
  const [md5, sha1, sha256] = [createHash('md5'), createHash('sha1'), createHash('sha256')];
  for await (const chunk of createReadStream(file)) {
    md5.update(chunk as Buffer);
    sha1.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}

async function readHead(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file, { start: 0, end: 4095 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
