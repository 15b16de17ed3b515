import type { Router } from 'express';
import type { IntakeContext } from '../config';

export function health(router: Router, ctx: IntakeContext): void {
  router.get('/healthz', async (_req, res) => {
    await ctx.db.query('SELECT 1');
    res.json({ status: 'ok' });
  });
}
