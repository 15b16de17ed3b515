import type { Router } from 'express';
import type { ServiceContext } from '@hotline/shared';
import { pickLanguage } from '../i18n';
import { parseReportInput, splitUrlField } from '../report-input';
import { storeReport } from '../store-report';
import { checkUploads, uploadMiddleware } from '../uploads';
import { thanksPage } from '../views/form-page';

/** The no-JavaScript form posts here (multipart, so images can come along). Errors re-render the form. */
export function submitForm(router: Router, ctx: ServiceContext): void {
  router.post('/report', uploadMiddleware(ctx.cfg), async (req, res) => {
    const lang = pickLanguage(req.query.lang, req.get('accept-language'));
    const uploads = checkUploads(req.files as Express.Multer.File[] | undefined);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = parseReportInput(
      { urls: splitUrlField(body.urls), description: typeof body.description === 'string' ? body.description : undefined },
      uploads.length,
    );
    const stored = await storeReport(ctx, input, uploads, lang);
    res.status(201).type('html').send(thanksPage(lang, stored.reportId));
  });
}
