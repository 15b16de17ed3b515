import type { DecisionInput } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { decideItem } from '../queue/decide';
import { decisionBody } from './decision-body';

export const decideItemRoute: RouteSpec = {
  method: 'post',
  path: '/api/items/:id/decision',
  summary:
    'Records the caller’s decision on an item they hold. The same decision again answers the same; a different one is 409 already_decided; 409 lease_lost without the lease.',
  access: 'analyst',
  body: decisionBody,
  responses: { 200: '{decision, item}', 409: 'already_decided or lease_lost' },
  async handler(req, res, { ctx, principal, body }) {
    const who = caller(principal);
    res.json(await decideItem(ctx, uuidParam(req), { userId: who.userId, senior: who.senior }, body as DecisionInput));
  },
};
