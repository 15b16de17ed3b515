import { contentHashed, type Service } from '@hotline/platform';
import { Matcher } from './match-content';
import type { MatcherContext } from './config';

export function createMatcherService(ctx: MatcherContext): Service {
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
