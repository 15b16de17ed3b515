import { contentFetched, type Service } from '@hotline/platform';
import { hashContent } from './hash-content';
import type { HasherContext } from './config';

export function createHasherService(ctx: HasherContext): Service {
  return {
    name: 'hasher',
    async start() {
      await ctx.bus.subscribe(contentFetched, { group: 'hasher', concurrency: ctx.cfg.HASH_CONCURRENCY }, (ev) => hashContent(ctx, ev));
    },
    async stop() {},
  };
}
