import { contentFetched, type Service } from '@hotline/platform';
import { checkVideoTools } from '@hotline/hashing';
import { hashContent } from './hash-content';
import type { HasherContext } from './config';

export function createHasherService(ctx: HasherContext): Service {
  return {
    name: 'hasher',
    async start() {
      // Without ffmpeg images are still hashed; each video then fails with the reason.
      const missing = await checkVideoTools({ ffmpegPath: ctx.cfg.FFMPEG_PATH, ffprobePath: ctx.cfg.FFPROBE_PATH });
      if (missing) ctx.logger.warn({ reason: missing }, 'video decoding unavailable: video content will fail');
      await ctx.bus.subscribe(contentFetched, { group: 'hasher', concurrency: ctx.cfg.HASH_CONCURRENCY }, (ev) => hashContent(ctx, ev));
    },
    async stop() {},
  };
}
