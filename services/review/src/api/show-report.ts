import { z } from 'zod';
import { NotFoundError, ValidationError } from '@hotline/platform';
import { reportStatus } from '@hotline/reports';
import type { RouteSpec } from '../http/route';

export const showReportRoute: RouteSpec = {
  method: 'get',
  path: '/api/reports/:id',
  summary: 'One report: its URLs, contents and their states.',
  access: 'analyst',
  async handler(req, res, { ctx }) {
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) throw new ValidationError('The report id must be a UUID.');
    const status = await reportStatus(ctx.db, id.data);
    if (!status) throw new NotFoundError('No report with that id.');
    res.json(status);
  },
};
