import { releaseLease } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const releaseLeaseRoute: RouteSpec = {
  method: 'delete',
  path: '/api/items/:id/lease',
  summary: 'Gives the item back to the queue.',
  access: 'analyst',
  responses: { 204: 'Released (or not held).' },
  async handler(req, res, { ctx, principal }) {
    await releaseLease(ctx.db, uuidParam(req), caller(principal).userId);
    res.status(204).end();
  },
};
