import type express from 'express';
import { bearerAuth, buildHttpApp } from '@hotline/platform';
import { listQueueRoute } from './api/list-queue';
import { showReportRoute } from './api/show-report';
import type { ReviewContext } from './config';

/**
 * The analysts' API. Until the console brings accounts, a bearer token (REVIEW_API_TOKEN) guards it;
 * the builder's probes come before the guard, so an orchestrator needs no token.
 */
export function buildReviewApp(ctx: ReviewContext): express.Express {
  return buildHttpApp({
    ctx,
    service: 'review',
    routes: (router) => {
      router.use(bearerAuth(ctx.secrets.reviewApiToken));
      listQueueRoute(router, ctx);
      showReportRoute(router, ctx);
    },
  });
}
