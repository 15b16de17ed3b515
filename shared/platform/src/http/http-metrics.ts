import type { Request, RequestHandler } from 'express';
import type { Metrics } from '../metrics/metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Rate, status and latency per route pattern (`/api/reports/:id`), never the path itself: a path can
 * carry an id or whatever a client typed. An unmatched path counts as `unmatched`.
 */
export function httpMetrics(metrics: Metrics, service: string): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const labels = { service, method: METHODS.has(req.method) ? req.method : 'OTHER', route: routePattern(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (path === undefined) return 'unmatched';
  return (req.baseUrl ?? '') + (Array.isArray(path) ? path.join('|') : String(path));
}
