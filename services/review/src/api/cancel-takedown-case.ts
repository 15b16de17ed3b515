import { z } from 'zod';
import { cancelCase, caseDetail } from '@hotline/takedown';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

const body = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const cancelTakedownCaseRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/cases/:id/cancel',
  summary: 'Closes an open case by hand, with a reason (1–500 characters): no more notices or checks. Audited.',
  access: 'senior',
  body,
  responses: { 200: 'the case detail', 404: 'not_found', 409: 'case_closed' },
  async handler(req, res, { ctx, principal, body: parsed }) {
    const id = uuidParam(req);
    await cancelCase(ctx.db, id, caller(principal).userId, (parsed as z.infer<typeof body>).reason, ctx.clock.now());
    res.json(await caseDetail(ctx.db, id));
  },
};
