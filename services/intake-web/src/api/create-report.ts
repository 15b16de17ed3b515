import express, { type Router } from 'express';
import { UnsupportedMediaError, type ServiceContext } from '@hotline/shared';
import { parseReportInput, splitUrlField } from '../report-input';
import { storeReport } from '../store-report';
import { checkUploads, uploadMiddleware, type Upload } from '../uploads';

/**
 * POST /api/reports — JSON `{ urls: [...], description? }`, or multipart with `urls` (repeated or
 * one per line), `description` and `images`. Answers 202 once the report is committed.
 */
export function createReport(router: Router, ctx: ServiceContext): void {
  const json = express.json({ limit: '256kb', strict: true });
  const multipart = uploadMiddleware(ctx.cfg);
  router.post('/api/reports', async (req, res, next) => {
    if (req.is('application/json')) return json(req, res, next);
    if (req.is('multipart/form-data')) return multipart(req, res, next);
    next(new UnsupportedMediaError('Send the report as application/json (or multipart/form-data with images).'));
  }, async (req, res) => {
    let uploads: Upload[] = [];
    let raw: unknown = req.body;
    if (req.is('multipart/form-data')) {
      uploads = checkUploads(req.files as Express.Multer.File[] | undefined);
      const body = (req.body ?? {}) as Record<string, unknown>;
      raw = { urls: splitUrlField(body.urls), description: body.description };
    }
    const input = parseReportInput(raw, uploads.length);
    const stored = await storeReport(ctx, input, uploads, null);
    res.status(202).json(stored);
  });
}
