import type { Router } from 'express';
import type { ReviewContext } from '../config';

export function healthRoute(router: Router, ctx: ReviewContext): void {
  router.get('/healthz', async (_req, res) => {
    await ctx.db.query('SELECT 1');
    res.json({ status: 'ok' });
  });
}
