import express from 'express';
import { buildHttpApp } from '@hotline/platform';
import { reviewRoutes } from './api/routes';
import type { ReviewContext } from './config';
import { accountGuard } from './http/account-guard';
import { CONSOLE_CSP, CONSOLE_DIST, serveConsole } from './http/console-static';
import { mountRoutes } from './http/mount-routes';

export interface ReviewAppOptions {
  /** The built console (Vite's dist); tests point it elsewhere to see the not-built answer. */
  consoleDist?: string;
}

/**
 * The analysts' API, every route declared in `api/routes.ts` behind one guard, and the console (a single-page
 * app) on every other GET; the builder's probes come first.
 */
export function buildReviewApp(ctx: ReviewContext, opts: ReviewAppOptions = {}): express.Express {
  return buildHttpApp({
    ctx,
    service: 'review',
    csp: CONSOLE_CSP,
    routes: (router) => {
      router.use(express.json({ limit: '64kb' }));
      mountRoutes(router, ctx, reviewRoutes(), accountGuard(ctx));
      serveConsole(router, opts.consoleDist ?? CONSOLE_DIST);
    },
  });
}
