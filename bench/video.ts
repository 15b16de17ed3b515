import { hashVideo, videoConfig, videoOptions } from '@hotline/hashing';
import { z } from 'zod';
import { syntheticVideo } from '../test/support/videos';
import { fmt } from './stats';

/**
 * Seconds of video hashed per second of wall time through the hasher's video path (`hashVideo`: ffprobe, ffmpeg
 * decoding one frame per second scaled to VIDEO_FRAME_MAX_SIDE, PDQ per frame, MD5/SHA-1/SHA-256 of the file), for
 * synthetic H.264 videos (ffmpeg's moving test pattern) at two sizes.
 */
export async function benchVideo(seconds: number): Promise<void> {
  const opts = videoOptions(z.object(videoConfig).parse({}));
  console.log(`hashing video (1 PDQ per second), ${seconds} s clips:`);
  for (const [label, size] of [
    ['640×360 25 fps', '640x360:rate=25'],
    ['1280×720 30 fps', '1280x720:rate=30'],
  ] as const) {
    const clip = await syntheticVideo(`testsrc2=size=${size}`, seconds);
    await hashVideo(clip, opts); // warm-up (page cache, ffmpeg start)
    const runs = 3;
    const t0 = performance.now();
    let frames = 0;
    for (let i = 0; i < runs; i++) frames = (await hashVideo(clip, opts)).frames.length;
    const wall = (performance.now() - t0) / 1000 / runs;
    console.log(
      `  ${label.padEnd(16)} ${(clip.length / 1e6).toFixed(1).padStart(6)} MB  ${fmt(wall, 2).padStart(6)} s per clip  ${fmt(seconds / wall).padStart(6)} s of video per s  (${frames} frames)`,
    );
  }
}
