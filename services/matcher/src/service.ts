import { contentHashed, videoHashed, type Service } from '@hotline/platform';
import { matchVideo } from './match-video';
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
      // A group of its own: one Kafka group id per subscription keeps the two topics' rebalances apart.
      await ctx.bus.subscribe(videoHashed, { group: 'matcher-video', concurrency: 2 }, (ev) => matchVideo(ctx, matcher.index, matcher.videoIndex, ev));
    },
    async stop() {
      matcher.stop();
    },
  };
}
