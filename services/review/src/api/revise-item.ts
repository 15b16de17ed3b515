import type { DecisionInput } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { reviseItem } from '../queue/revise';
import { decisionBody } from './decision-body';

export const reviseItemRoute: RouteSpec = {
  method: 'post',
  path: '/api/items/:id/revision',
  summary: 'A senior revises a decided item: the revision becomes its effective decision (audited item.revised, review.decided again).',
  access: 'senior',
  body: decisionBody,
  responses: { 200: '{decision, item}', 409: 'not_decided' },
  async handler(req, res, { ctx, principal, body }) {
    const who = caller(principal);
    res.json(await reviseItem(ctx, uuidParam(req), { userId: who.userId, senior: who.senior }, body as DecisionInput));
  },
};
