import type { Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@hotline/platform';
import { listQueue } from '@hotline/reports';
import type { ReviewContext } from '../config';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function listQueueRoute(router: Router, ctx: ReviewContext): void {
  router.get('/api/queue', async (req, res) => {
    const q = query.safeParse(req.query);
    if (!q.success) throw new ValidationError('limit must be 1–500 and offset 0 or more.');
    res.json(await listQueue(ctx.db, q.data));
  });
}
