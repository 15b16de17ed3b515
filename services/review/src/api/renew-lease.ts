import { ConflictError } from '@hotline/platform';
import { readSettings, renewLease } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const renewLeaseRoute: RouteSpec = {
  method: 'post',
  path: '/api/items/:id/lease',
  summary: 'Extends the caller’s lease on an item; 409 lease_lost when they no longer hold it.',
  access: 'analyst',
  async handler(req, res, { ctx, principal }) {
    const { leaseSeconds } = await readSettings(ctx.db);
    const until = await renewLease(ctx.db, { itemId: uuidParam(req), userId: caller(principal).userId, now: ctx.clock.now(), leaseSeconds });
    if (!until) throw new ConflictError('You no longer hold this item; claim again from the queue.', 'lease_lost');
    res.json({ leaseUntil: until });
  },
};
