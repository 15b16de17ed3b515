import express from 'express';
import { buildHttpApp } from '@hotline/platform';
import { reviewRoutes } from './api/routes';
import type { ReviewContext } from './config';
import { interimTokenGuard } from './http/interim-token-guard';
import { mountRoutes } from './http/mount-routes';
import type { Guard } from './http/route';

/** The analysts' API: every route declared in `api/routes.ts`, mounted behind one guard (tests may hand in their own); the builder's probes come first. */
export function buildReviewApp(ctx: ReviewContext, guard: Guard = interimTokenGuard(ctx.secrets.reviewApiToken)): express.Express {
  return buildHttpApp({
    ctx,
    service: 'review',
    routes: (router) => {
      router.use(express.json({ limit: '64kb' }));
      mountRoutes(router, ctx, reviewRoutes(), guard);
    },
  });
}
