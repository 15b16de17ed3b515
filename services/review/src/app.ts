import express from 'express';
import { bearerAuth, errorHandler, notFound, requestLog } from '@hotline/platform';
import { healthRoute } from './api/health';
import { listQueueRoute } from './api/list-queue';
import { showReportRoute } from './api/show-report';
import type { ReviewContext } from './config';

/** The analysts' API. Until the console brings accounts, a bearer token (REVIEW_API_TOKEN) guards it. */
export function buildReviewApp(ctx: ReviewContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const logger = ctx.logger.child({ service: 'review' });
  app.use(requestLog(logger));
  app.use((_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  const open = express.Router();
  healthRoute(open, ctx);
  app.use(open);
  const guarded = express.Router();
  guarded.use(bearerAuth(ctx.secrets.reviewApiToken));
  listQueueRoute(guarded, ctx);
  showReportRoute(guarded, ctx);
  app.use(guarded);
  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
