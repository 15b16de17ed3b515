import { urlReported, type Service, type ServiceContext } from '@hotline/platform';
import { fetchReportedUrl } from './fetch-item';

export function createFetcherService(ctx: ServiceContext): Service {
  return {
    name: 'fetcher',
    async start() {
      await ctx.bus.subscribe(urlReported, { group: 'fetcher', concurrency: ctx.cfg.FETCH_CONCURRENCY }, (ev, delivery) =>
        fetchReportedUrl(ctx, ev, delivery),
      );
    },
    async stop() {},
  };
}
