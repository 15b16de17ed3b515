import { contentHashed, type Service, type ServiceContext } from '@hotline/platform';
import { Matcher } from './match-content';

export function createMatcherService(ctx: ServiceContext): Service {
  const matcher = new Matcher(ctx);
  return {
    name: 'matcher',
    async start() {
      await matcher.start();
      // Matchers side by side share the topic through the consumer group.
      await ctx.bus.subscribe(contentHashed, { group: 'matcher', concurrency: 4 }, (ev) => matcher.handle(ev));
    },
    async stop() {
      matcher.stop();
    },
  };
}
