import { contentFetched, type Service, type ServiceContext } from '@hotline/platform';
import { hashContent } from './hash-content';

export function createHasherService(ctx: ServiceContext): Service {
  return {
    name: 'hasher',
    async start() {
      await ctx.bus.subscribe(contentFetched, { group: 'hasher', concurrency: ctx.cfg.HASH_CONCURRENCY }, (ev) => hashContent(ctx, ev));
    },
    async stop() {},
  };
}
