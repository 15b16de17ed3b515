import express from 'express';
import { errorHandler, requestLog, type ServiceContext } from '@hotline/shared';
import { createReport } from './api/create-report';
import { health } from './api/health';
import { showForm } from './api/show-form';
import { submitForm } from './api/submit-form';
import { pickLanguage } from './i18n';
import { rateLimit } from './rate-limit';
import { formPage } from './views/form-page';

export function buildIntakeApp(ctx: ServiceContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.cfg.INTAKE_TRUST_PROXY);
  const logger = ctx.logger.child({ service: 'intake-web' });
  app.use(requestLog(logger));
  app.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    next();
  });
  const router = express.Router();
  health(router, ctx);
  showForm(router);
  router.post(['/report', '/api/reports'], rateLimit(ctx.cfg.INTAKE_RATE_LIMIT_PER_MINUTE));
  submitForm(router, ctx);
  createReport(router, ctx);
  app.use(router);
  app.use(
    errorHandler(logger, (err, req, res) => {
      if (req.path !== '/report') return false;
      const body = (req.body ?? {}) as Record<string, unknown>;
      res
        .status(err.status)
        .type('html')
        .send(
          formPage(pickLanguage(req.query.lang, req.get('accept-language')), {
            error: err.message,
            urls: typeof body.urls === 'string' ? body.urls : undefined,
            description: typeof body.description === 'string' ? body.description : undefined,
          }),
        );
      return true;
    }),
  );
  return app;
}
