import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DecodeError } from '@hotline/platform';
import { hashVideo, matchVideoFrames, sniffVideo, sniffImage, type HashVideoOptions } from '../src';
import { ftypThenNoise, reencodeVideo, syntheticVideo } from '../../../test/support/videos';

const opts: HashVideoOptions = { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxSeconds: 1800, maxBytes: 50_000_000, timeoutSeconds: 60, frameMaxSide: 512 };
const share = { maxDistance: 31, minQuality: 50 };

describe('video hashing', () => {
  let original: Buffer;
  beforeAll(async () => {
    original = await syntheticVideo('testsrc2=size=320x240:rate=25', 10);
  }, 60_000);

  it('hashes one frame per second with its timestamp, and the file digests', async () => {
    const v = await hashVideo(original, opts);
    expect(v).toMatchObject({ width: 320, height: 240, format: 'MP4' });
    expect(v.durationSeconds).toBeCloseTo(10, 0);
    expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(v.frames.map((f) => f.timestampMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    for (const f of v.frames) expect(f.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(v.frames.filter((f) => f.quality >= 50).length).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('matches a re-encoded, rescaled copy by the share of frames, and not an unrelated video', async () => {
    const copy = await reencodeVideo(original, ['-vf', 'scale=240:-2', '-crf', '32', '-c:v', 'libx264']);
    const other = await syntheticVideo('mandelbrot=size=320x240:rate=25', 10);
    const [a, b, c] = await Promise.all([hashVideo(original, opts), hashVideo(copy, opts), hashVideo(other, opts)]);
    const same = matchVideoFrames(b.frames, a.frames, share);
    expect(same.queryShare).toBeGreaterThanOrEqual(0.9);
    expect(same.knownShare).toBeGreaterThanOrEqual(0.9);
    expect(same.timestampsMs.length).toBe(same.queryMatched);
    const unrelated = matchVideoFrames(c.frames, a.frames, share);
    expect(unrelated.queryMatched).toBe(0);
  }, 120_000);

  it('sniffs video containers apart from images', async () => {
    expect(sniffVideo(original)?.mime).toBe('video/mp4');
    expect(sniffImage(original)).toBeNull();
    const webm = await syntheticVideo('testsrc2=size=64x48:rate=5', 1, ['-c:v', 'libvpx', '-b:v', '100k'], 'webm');
    expect(sniffVideo(webm)?.mime).toBe('video/webm');
    const avi = await syntheticVideo('testsrc2=size=64x48:rate=5', 1, ['-c:v', 'mpeg4'], 'avi');
    expect(sniffVideo(avi)?.mime).toBe('video/x-msvideo');
    expect(sniffVideo(Buffer.from('<html><body>hi</body></html>'))).toBeNull();
  }, 60_000);

  it('refuses a truncated file with the reason', async () => {
    const truncated = original.subarray(0, Math.floor(original.length * 0.3));
    await expect(hashVideo(truncated, opts)).rejects.toThrow(DecodeError);
    await expect(hashVideo(truncated, opts)).rejects.toThrow(/not a readable video|could not be decoded/);
  }, 60_000);

  it('refuses random bytes behind an ftyp header', async () => {
    await expect(hashVideo(ftypThenNoise(200_000), opts)).rejects.toThrow(/not a readable video|could not be decoded|no video stream/);
  }, 60_000);

  it('refuses a video longer than VIDEO_MAX_SECONDS before decoding it', async () => {
    await expect(hashVideo(original, { ...opts, maxSeconds: 5 })).rejects.toThrow('video of 10 s exceeds the limit of 5 s');
  }, 60_000);

  it('refuses a file larger than VIDEO_MAX_BYTES', async () => {
    await expect(hashVideo(original, { ...opts, maxBytes: 1000 })).rejects.toThrow(/exceeds the limit of 1000 bytes/);
  });

  it('refuses content stored as another container than its bytes', async () => {
    await expect(hashVideo(original, { ...opts, mime: 'video/webm' })).rejects.toThrow('content stored as WebM is MP4 by its bytes');
  });

  it('stops at the time limit and says so, killing the decoder and what it started', async () => {
    // A decoder that hangs (as ffmpeg can on a hostile file), with a child of its own: a real decode of any fixed
    // length finishes inside the limit on a fast enough machine (a 30 s 720p clip took 0.8 s here), a hang never does.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hang-'));
    const pidFile = path.join(dir, 'child.pid');
    const hanging = path.join(dir, 'ffmpeg');
    await writeFile(hanging, `#!/bin/sh\nsleep 60 &\necho $! > ${pidFile}\nwait\n`, { mode: 0o755 });
    try {
      const t0 = Date.now();
      await expect(hashVideo(original, { ...opts, ffmpegPath: hanging, timeoutSeconds: 1 })).rejects.toThrow(/took longer than its time limit/);
      expect(Date.now() - t0).toBeLessThan(5000);
      // The whole process group was killed: the shell's child is gone (or a zombie waiting to be reaped) soon after.
      const child = Number(await readFile(pidFile, 'utf8'));
      const running = async () => {
        const stat = await readFile(`/proc/${child}/stat`, 'utf8').catch(() => '');
        return stat !== '' && !/^\d+ \(.*\) [ZX]/.test(stat);
      };
      for (let i = 0; i < 40 && (await running()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await running()).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('says when ffmpeg is missing instead of crashing', async () => {
    await expect(hashVideo(original, { ...opts, ffprobePath: '/nonexistent/ffprobe' })).rejects.toThrow(
      'video decoder not available: /nonexistent/ffprobe was not found',
    );
  });
});
