import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A synthetic video made by ffmpeg from one of its generated sources (moving test patterns,
 * fractals, cellular automata): no real footage ever. `source` is a lavfi graph such as
 * `testsrc2=size=320x240:rate=25`; `encode` the output options (x264 by default).
 */
export async function syntheticVideo(
  source: string,
  seconds: number,
  encode: string[] = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast'],
  ext = 'mp4',
): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'hotline-test-video-'));
  try {
    const out = join(dir, `v.${ext}`);
    await run('ffmpeg', ['-v', 'error', '-nostdin', '-f', 'lavfi', '-i', source, '-t', String(seconds), ...encode, out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Re-encodes a video with other options (e.g. `-vf scale=240:-2 -crf 32`): a copy as a re-upload would make it. */
export async function reencodeVideo(bytes: Buffer, options: string[], ext = 'mp4'): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'hotline-test-video-'));
  try {
    const input = join(dir, 'in');
    const out = join(dir, `out.${ext}`);
    await import('node:fs/promises').then((fs) => fs.writeFile(input, bytes));
    await run('ffmpeg', ['-v', 'error', '-nostdin', '-i', input, ...options, out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An ISO-BMFF `ftyp` box of the given major brand followed by random bytes: looks like an MP4, is not one. */
export function ftypThenNoise(bytes: number, seed = 1): Buffer {
  const head = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
  const body = Buffer.alloc(bytes);
  let s = seed;
  for (let i = 0; i < bytes; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    body[i] = s >>> 24;
  }
  return Buffer.concat([head, body]);
}
