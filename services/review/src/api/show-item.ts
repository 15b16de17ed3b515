import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { assertMaySee } from '../queue/item-access';
import { itemDetail } from './item-view';

export const showItemRoute: RouteSpec = {
  method: 'get',
  path: '/api/items/:id',
  summary:
    'One item (analysts: of an open report, or held or decided by them): kind, status, sources, matches, prefill, decisions so far, url reason, image metadata (never bytes).',
  access: 'analyst',
  async handler(req, res, { ctx, principal }) {
    const itemId = uuidParam(req);
    await assertMaySee(ctx, itemId, caller(principal));
    res.json(await itemDetail(ctx, itemId));
  },
};
