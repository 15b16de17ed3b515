import { NotFoundError } from '@hotline/platform';
import { caseDetail } from '@hotline/takedown';
import { uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const showTakedownCaseRoute: RouteSpec = {
  method: 'get',
  path: '/api/takedown/cases/:id',
  summary: 'One takedown case: its hosting trace, the items it expects to find, and its timeline (events, notices, checks, referrals).',
  access: 'analyst',
  responses: { 200: '{case, items, events, checks, notices, referrals}', 404: 'not_found' },
  async handler(req, res, { ctx }) {
    const detail = await caseDetail(ctx.db, uuidParam(req));
    if (!detail) throw new NotFoundError('No takedown case with that id.');
    res.json(detail);
  },
};
