import { contentFetched, type Service } from '@hotline/platform';
import { checkVideoTools, createHashPool, type ImageHasher } from '@hotline/hashing';
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
      const workers = ctx.cfg.HASH_WORKERS;
      // The consumer never has more than HASH_CONCURRENCY images out, so the queue bound is only a safety net.
      const hasher = createHashPool({ workers, maxQueued: Math.max(ctx.cfg.HASH_CONCURRENCY, workers) * 4 });
      pool = hasher;
      await ctx.bus.subscribe(contentFetched, { group: 'hasher', concurrency: ctx.cfg.HASH_CONCURRENCY }, (ev) => hashContent(ctx, ev, hasher));
    },
    async stop() {
      await pool?.close();
      pool = undefined;
    },
  };
}
