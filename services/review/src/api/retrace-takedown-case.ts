import { caseDetail, retraceCase } from '@hotline/takedown';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const retraceTakedownCaseRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/cases/:id/retrace',
  summary: 'Traces and routes an open case again (after a directory correction, or to accept a move); its pending notices are withdrawn. Audited.',
  access: 'analyst',
  responses: { 200: 'the case detail', 404: 'not_found', 409: 'case_closed' },
  async handler(req, res, { ctx, principal }) {
    const id = uuidParam(req);
    await retraceCase(ctx.db, id, caller(principal).userId, ctx.clock.now());
    res.json(await caseDetail(ctx.db, id));
  },
};
