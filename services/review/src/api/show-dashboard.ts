import { readDashboard } from '@hotline/reports';
import type { RouteSpec } from '../http/route';

export const showDashboardRoute: RouteSpec = {
  method: 'get',
  path: '/api/dashboard',
  summary: 'Open items by kind, decisions today, report-to-decision median and p90, decisions per day for 14 days.',
  access: 'analyst',
  async handler(_req, res, { ctx }) {
    res.json(await readDashboard(ctx.db, ctx.clock.now()));
  },
};
