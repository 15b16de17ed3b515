import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { ServiceContext } from '../runtime/context';
import { errorHandler, type ErrorRenderer } from './error-handler';
import { httpMetrics } from './http-metrics';
import { notFound } from './not-found';
import { opsRoutes } from './ops-routes';
import { requestLog } from './request-log';

export type CspDirectives = Record<string, string[]>;
export type ReferrerPolicy = 'no-referrer' | 'same-origin' | 'strict-origin' | 'strict-origin-when-cross-origin';

/** Nothing loads, nothing frames us, forms go nowhere: apps that serve only JSON need no more. */
export const STRICT_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export interface HttpAppOptions {
  ctx: ServiceContext;
  /** The `service` label of the HTTP metrics and the logger's. */
  service: string;
  /** The app's own routes, after `/healthz` and `/readyz` (so a guard among them does not cover the probes). */
  routes(router: Router): void;
  csp?: CspDirectives;
  referrerPolicy?: ReferrerPolicy;
  /** App settings that must precede every route (e.g. `trust proxy`). */
  configure?(app: Express): void;
  /** Lets an app render errors its own way (the intake's localized form); the JSON body otherwise. */
  renderError?: ErrorRenderer;
}

/**
 * Every HTTP service's app: the access log (no client data), request metrics, security headers
 * (helmet, a strict CSP, `Cache-Control: no-store`), `/healthz` and `/readyz`, the app's routes, the
 * JSON 404 and the one error handler. `/metrics` is not here: it is served on METRICS_PORT only.
 */
export function buildHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  opts.configure?.(app);
  const logger = opts.ctx.logger.child({ service: opts.service });
  app.use(requestLog(logger));
  app.use(httpMetrics(opts.ctx.metrics, opts.service));
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: opts.csp ?? STRICT_CSP },
      referrerPolicy: { policy: opts.referrerPolicy ?? 'no-referrer' },
      xFrameOptions: { action: 'deny' },
      // The hotline's other hosts are not ours to pin to HTTPS.
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: false },
    }),
  );
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const ops = express.Router();
  opsRoutes(ops, opts.ctx);
  app.use(ops);
  const router = express.Router();
  opts.routes(router);
  app.use(router);
  app.use(notFound());
  app.use(errorHandler(logger, opts.renderError));
  return app;
}
