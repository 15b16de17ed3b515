import { buildHttpApp } from '../http/build-app';
import { listen, type Listening } from '../http/listen';
import type { Service, ServiceContext } from '../runtime/context';

export const METRICS_SERVICE = 'metrics';

/**
 * The operators' listener on METRICS_HOST:METRICS_PORT: `/metrics` (Prometheus text format),
 * `/healthz` and `/readyz`, through the same app builder as the public services. Workers have no
 * other port; the intake and review never serve `/metrics` on theirs (their ports face reporters and
 * analysts, the metrics port only the monitoring network).
 */
export function createMetricsService(ctx: ServiceContext): Service & { url(): string } {
  let http: Listening | undefined;
  return {
    name: METRICS_SERVICE,
    async start() {
      const port = ctx.cfg.METRICS_PORT;
      if (port === undefined) throw new Error('METRICS_PORT is not set');
      const app = buildHttpApp({
        ctx,
        service: METRICS_SERVICE,
        routes: (router) => {
          router.get('/metrics', async (_req, res) => {
            res.type(ctx.metrics.contentType()).send(await ctx.metrics.render());
          });
        },
      });
      http = await listen(app, ctx.cfg.METRICS_HOST, port, 'METRICS_PORT');
      ctx.logger.info({ service: METRICS_SERVICE, url: http.url }, 'metrics listening');
    },
    async stop() {
      await http?.close();
    },
    url() {
      if (!http) throw new Error('the metrics listener is not started');
      return http.url;
    },
  };
}
