import { z } from 'zod';
import { ValidationError } from '@hotline/platform';
import { countCasesByState, listCases } from '@hotline/takedown';
import type { RouteSpec } from '../http/route';

const query = z.object({
  state: z.enum(['tracing', 'held', 'active', 'needs_analyst', 'removed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listTakedownCasesRoute: RouteSpec = {
  method: 'get',
  path: '/api/takedown/cases',
  summary: 'Takedown cases, the latest changed first, optionally of one state; with the number of cases in each state.',
  access: 'analyst',
  responses: { 200: '{cases: TakedownCase[], counts: {state: n}}' },
  async handler(req, res, { ctx }) {
    const q = query.safeParse(req.query);
    if (!q.success) throw new ValidationError('state is one of tracing, held, active, needs_analyst, removed, cancelled; limit 1–500; offset 0 or more.');
    const [cases, counts] = await Promise.all([listCases(ctx.db, q.data), countCasesByState(ctx.db)]);
    res.json({ cases, counts });
  },
};
