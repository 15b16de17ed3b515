import { NotFoundError } from '@hotline/platform';
import { findReport, type DecisionInput } from '@hotline/reports';
import { caller, uuidParam } from '../http/params';
import type { RouteSpec } from '../http/route';
import { decideReport } from '../queue/decide';
import { decisionBody } from './decision-body';

export const decideReportRoute: RouteSpec = {
  method: 'post',
  path: '/api/reports/:id/decision',
  summary: 'One decision for every open item of a report; items the caller may not decide are listed as skipped.',
  access: 'analyst',
  body: decisionBody,
  responses: { 200: '{decided:[{itemId,status}], skipped:[{itemId,code,message}]}' },
  async handler(req, res, { ctx, principal, body }) {
    const who = caller(principal);
    const reportId = uuidParam(req);
    if (!(await findReport(ctx.db, reportId))) throw new NotFoundError('No report with that id.');
    res.json(await decideReport(ctx, reportId, { userId: who.userId, senior: who.senior }, body as DecisionInput));
  },
};
