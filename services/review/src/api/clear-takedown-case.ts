import { caseDetail, clearCase } from '@hotline/takedown';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const clearTakedownCaseRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/cases/:id/clearance',
  summary: 'Records that police cleared a held case: it becomes active and the provider’s first notice goes in line. Audited.',
  access: 'senior',
  responses: { 200: 'the case detail', 404: 'not_found', 409: 'not_held' },
  async handler(req, res, { ctx, principal }) {
    const id = uuidParam(req);
    await clearCase(ctx.db, id, caller(principal).userId, ctx.clock.now());
    res.json(await caseDetail(ctx.db, id));
  },
};
