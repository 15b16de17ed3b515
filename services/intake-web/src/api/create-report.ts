import type { RequestHandler, Router } from 'express';
import type { IntakeContext } from '../config';
import { parseReportInput, splitUrlField } from '../report-input';
import type { IntakeSettings } from '../settings';
import { storeReport } from '@hotline/reports';
import { checkUploads, type Upload } from '../uploads';

/**
 * POST /api/reports — JSON `{ urls: [...], description? }` (no other fields), or a form body
 * (URL-encoded or multipart) with `urls` (repeated or one per line), `description` and, when
 * uploads are on, `images`. Answers 202 once the report is committed.
 */
export function createReport(router: Router, ctx: IntakeContext, settings: IntakeSettings, bodyParsers: RequestHandler[]): void {
  router.post('/api/reports', ...bodyParsers, async (req, res) => {
    let uploads: Upload[] = [];
    const opts = () => ({ uploads: uploads.length, uploadsEnabled: settings.uploadsEnabled });
    let input;
    if (req.is('application/json')) {
      input = parseReportInput({ json: req.body }, opts());
    } else {
      uploads = checkUploads(req.files as Express.Multer.File[] | undefined);
      const body = (req.body ?? {}) as Record<string, unknown>;
      input = parseReportInput({ urls: splitUrlField(body.urls), description: body.description }, opts());
    }
    const stored = await storeReport(ctx, 'web', input, uploads, null, { pickupCode: true });
    res.status(202).json(stored);
  });
}
