import type { RequestHandler, Router } from 'express';
import type { IntakeContext } from '../config';
import { pickLanguage } from '../i18n';
import { parseReportInput, splitUrlField } from '../report-input';
import type { IntakeSettings } from '../settings';
import { storeReport } from '@hotline/reports';
import { checkUploads } from '../uploads';
import { thanksPage } from '../views/form-page';

/** The no-JavaScript form posts here (URL-encoded, or multipart when uploads are on). Errors re-render the form. */
export function submitForm(router: Router, ctx: IntakeContext, settings: IntakeSettings, bodyParsers: RequestHandler[]): void {
  router.post('/report', ...bodyParsers, async (req, res) => {
    const lang = pickLanguage(req.query.lang, req.get('accept-language'));
    const uploads = checkUploads(req.files as Express.Multer.File[] | undefined);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = parseReportInput(
      { urls: splitUrlField(body.urls), description: body.description },
      { uploads: uploads.length, uploadsEnabled: settings.uploadsEnabled },
    );
    const stored = await storeReport(ctx, 'web', input, uploads, lang, { pickupCode: true });
    res
      .status(201)
      .type('html')
      .send(thanksPage(lang, settings, stored.reportId, stored.pickupCode!));
  });
}
