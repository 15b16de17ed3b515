import { z } from 'zod';
import { ValidationError } from '@hotline/platform';
import { listClosedReports } from '@hotline/reports';
import type { RouteSpec } from '../http/route';

const query = z.object({
  closed: z.literal('true'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listClosedReportsRoute: RouteSpec = {
  method: 'get',
  path: '/api/reports',
  summary: 'Passive files: closed reports, the latest closed first (`closed=true` is required).',
  access: 'senior',
  async handler(req, res, { ctx }) {
    const q = query.safeParse(req.query);
    if (!q.success) throw new ValidationError('Only closed reports are listed: pass closed=true (limit 1–500, offset 0 or more).');
    res.json(await listClosedReports(ctx.db, q.data));
  },
};
