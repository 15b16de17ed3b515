import { statisticsCsv, takedownStatistics } from '@hotline/takedown';
import type { RouteSpec } from '../http/route';
import { statisticsWindow } from './statistics-window';

export const exportTakedownStatisticsRoute: RouteSpec = {
  method: 'get',
  path: '/api/takedown/statistics.csv',
  summary: 'The removal statistics as an anonymised CSV download (RFC 4180; provider names and countries, never a URL, host or address).',
  access: 'analyst',
  responses: { 200: 'text/csv attachment', 400: 'invalid_request' },
  async handler(req, res, { ctx }) {
    const w = statisticsWindow(req, ctx.clock.now());
    const csv = statisticsCsv(await takedownStatistics(ctx.db, w));
    const last = new Date(w.to.getTime() - 86_400_000).toISOString().slice(0, 10);
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="takedown-statistics-${w.from.toISOString().slice(0, 10)}-${last}.csv"`);
    res.send(csv);
  },
};
