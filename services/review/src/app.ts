import express from 'express';
import { buildHttpApp } from '@hotline/platform';
import { reviewRoutes } from './api/routes';
import type { ReviewContext } from './config';
import { accountGuard } from './http/account-guard';
import { mountRoutes } from './http/mount-routes';

/** The analysts' API: every route declared in `api/routes.ts`, mounted behind one guard; the builder's probes come first. */
export function buildReviewApp(ctx: ReviewContext): express.Express {
  return buildHttpApp({
    ctx,
    service: 'review',
    routes: (router) => {
      router.use(express.json({ limit: '64kb' }));
      mountRoutes(router, ctx, reviewRoutes(), accountGuard(ctx));
    },
  });
}
