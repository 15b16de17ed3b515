import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@hotline/platform';
import { reportStatus } from '@hotline/reports';
import type { ReviewContext } from '../config';

export function showReportRoute(router: Router, ctx: ReviewContext): void {
  router.get('/api/reports/:id', async (req, res) => {
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) throw new ValidationError('The report id must be a UUID.');
    const status = await reportStatus(ctx.db, id.data);
    if (!status) throw new NotFoundError('No report with that id.');
    res.json(status);
  });
}
