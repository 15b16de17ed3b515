import { claimNext, readSettings } from '@hotline/reports';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { itemDetail } from './item-view';

export const claimItemRoute: RouteSpec = {
  method: 'post',
  path: '/api/queue/claim',
  summary: 'Claims the next item for the caller (or the one they already hold) with a lease; 204 when nothing is left for them.',
  access: 'analyst',
  responses: { 200: 'The claimed item with leaseUntil.', 204: 'Nothing to claim.' },
  async handler(_req, res, { ctx, principal }) {
    const who = caller(principal);
    const { leaseSeconds } = await readSettings(ctx.db);
    const claimed = await claimNext(ctx.db, { userId: who.userId, senior: who.senior, now: ctx.clock.now(), leaseSeconds });
    if (!claimed) {
      res.status(204).end();
      return;
    }
    res.json({ ...(await itemDetail(ctx, claimed.itemId)), leaseUntil: claimed.leaseUntil });
  },
};
