import { urlReported, type Service } from '@hotline/platform';
import type { FetcherContext } from './config';
import { fetchReportedUrl } from './fetch-item';

export function createFetcherService(ctx: FetcherContext): Service {
  return {
    name: 'fetcher',
    async start() {
      await ctx.bus.subscribe(urlReported, { group: 'fetcher', concurrency: ctx.cfg.FETCH_CONCURRENCY }, (ev, delivery) => fetchReportedUrl(ctx, ev, delivery));
    },
    async stop() {},
  };
}
