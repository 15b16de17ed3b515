import { takedownStatistics } from '@hotline/takedown';
import type { RouteSpec } from '../http/route';
import { statisticsWindow } from './statistics-window';

export const showTakedownStatisticsRoute: RouteSpec = {
  method: 'get',
  path: '/api/takedown/statistics',
  summary:
    'Removal statistics of the cases confirmed from `from` to `to` (YYYY-MM-DD, UTC, both included; default the last 30 days): time to removal, share within 3 days, per country and provider, notices and response times, per day. Counts and durations only.',
  access: 'analyst',
  responses: { 200: 'TakedownStatistics', 400: 'invalid_request' },
  async handler(req, res, { ctx }) {
    res.json(await takedownStatistics(ctx.db, statisticsWindow(req, ctx.clock.now())));
  },
};
