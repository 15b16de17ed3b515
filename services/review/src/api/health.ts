import type { Router } from 'express';
import type { ServiceContext } from '@hotline/platform';

export function healthRoute(router: Router, ctx: ServiceContext): void {
  router.get('/healthz', async (_req, res) => {
    await ctx.db.query('SELECT 1');
    res.json({ status: 'ok' });
  });
}
