import { uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { itemDetail } from './item-view';

export const showItemRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id',
  summary: 'One item: kind, status, sources, matches, prefill, decisions so far, url reason, image metadata (never bytes).',
  access: 'analyst',
  async handler(req, res, { ctx }) {
    res.json(await itemDetail(ctx, uuidParam(req)));
  },
};
