import { contentFetched, type Service } from '@hotline/platform';
import { checkVideoTools, createHashPool, removeStaleVideoTemp, type ImageHasher } from '@hotline/hashing';
import { hashContent } from './hash-content';
import type { HasherContext } from './config';

export function createHasherService(ctx: HasherContext): Service {
  let pool: ImageHasher | undefined;
  return {
    name: 'hasher',
    async start() {
      // Without ffmpeg images are still hashed; each video then fails with the reason.
      const missing = await checkVideoTools({ ffmpegPath: ctx.cfg.FFMPEG_PATH, ffprobePath: ctx.cfg.FFPROBE_PATH });
      if (missing) ctx.logger.warn({ reason: missing }, 'video decoding unavailable: video content will fail');
      // Decrypted videos a killed run left in the temp directory (older than any run may take) go now.
      const stale = await removeStaleVideoTemp((ctx.cfg.VIDEO_TIMEOUT_SECONDS + 60) * 1000);
      if (stale > 0) ctx.logger.warn({ removed: stale }, 'removed video temp directories left by an interrupted run');
      const workers = ctx.cfg.HASH_WORKERS;
      // The consumer never has more than HASH_CONCURRENCY images out, so the queue bound is only a safety net.
      const hasher = createHashPool({ workers, jobsPerWorker: ctx.cfg.HASH_JOBS_PER_WORKER, maxQueued: Math.max(ctx.cfg.HASH_CONCURRENCY, workers) * 4 });
      pool = hasher;
      await ctx.bus.subscribe(contentFetched, { group: 'hasher', concurrency: ctx.cfg.HASH_CONCURRENCY }, (ev) => hashContent(ctx, ev, hasher));
    },
    async stop() {
      await pool?.close();
      pool = undefined;
    },
  };
}
