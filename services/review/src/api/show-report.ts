import { ForbiddenError, NotFoundError } from '@hotline/platform';
import { reportStatus } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';

export const showReportRoute: RouteSpec = {
  method: 'get',
  path: '/api/reports/:id',
  summary: 'One report: description, language, source, every URL with its state and reason, every review item with its status. Closed reports: senior and up.',
  access: 'analyst',
  async handler(req, res, { ctx, principal }) {
    const status = await reportStatus(ctx.db, uuidParam(req));
    if (!status) throw new NotFoundError('No report with that id.');
    if (status.closed && !caller(principal).senior) throw new ForbiddenError('Closed reports are open to senior analysts only.');
    res.json(status);
  },
};
