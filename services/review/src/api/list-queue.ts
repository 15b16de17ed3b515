import { z } from 'zod';
import { ValidationError } from '@hotline/platform';
import { listQueue } from '@hotline/reports';
import type { RouteSpec } from '../http/route';

const query = z.object({
  kind: z.enum(['content', 'url']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listQueueRoute: RouteSpec = {
  method: 'get',
  path: '/api/queue',
  summary: 'The open review items (pending, awaiting a second look, disputed), in claim order; `kind` filters content or url items.',
  access: 'analyst',
  async handler(req, res, { ctx }) {
    const q = query.safeParse(req.query);
    if (!q.success) throw new ValidationError('kind must be content or url, limit 1–500 and offset 0 or more.');
    res.json(await listQueue(ctx.db, q.data));
  },
};
