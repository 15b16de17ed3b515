import type express from 'express';
import { buildHttpApp } from '@hotline/platform';
import { checkStatus } from './api/check-status';
import { createReport } from './api/create-report';
import { lookupStatus } from './api/lookup-status';
import { showForm } from './api/show-form';
import { showPrivacy } from './api/show-privacy';
import { showStatus } from './api/show-status';
import { submitForm } from './api/submit-form';
import { localizeError } from './error-messages';
import { pickLanguage } from './i18n';
import { TooManyLookupsError } from './errors';
import { rateLimit } from './rate-limit';
import { reportBodyParsers } from './read-body';
import { refuseCrossSite } from './same-origin';
import { intakeSettings } from './settings';
import { formPage } from './views/form-page';
import { statusPage } from './views/status-page';
import type { IntakeContext } from './config';
import { STYLE_CSP_SOURCE } from './views/html';

/** Intake's pages load only their own hashed stylesheet and post only to themselves. */
const INTAKE_CSP = {
  'default-src': ["'none'"],
  'style-src': [STYLE_CSP_SOURCE],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

export function buildIntakeApp(ctx: IntakeContext): express.Express {
  const settings = intakeSettings(ctx.cfg);
  return buildHttpApp({
    ctx,
    service: 'intake-web',
    csp: INTAKE_CSP,
    // same-origin: our own form then sends its real Origin, which the cross-site check needs (no referrer leaves the site).
    referrerPolicy: 'same-origin',
    configure: (app) => app.set('trust proxy', ctx.cfg.INTAKE_TRUST_PROXY),
    routes: (router) => {
      showForm(router, settings);
      showPrivacy(router, settings);
      // Cheapest refusals first: a forged cross-site post is not counted, nothing is parsed before the limit.
      router.post(
        ['/report', '/api/reports'],
        refuseCrossSite(ctx.cfg.INTAKE_PUBLIC_URL),
        rateLimit(ctx.cfg.INTAKE_RATE_LIMIT_PER_MINUTE, ctx.cfg.INTAKE_RATE_LIMIT_IPV6_PREFIX),
      );
      const parsers = reportBodyParsers(ctx.cfg);
      submitForm(router, ctx, settings, parsers.form);
      createReport(router, ctx, settings, parsers.api);
      showStatus(router);
      // Every lookup counts, right or wrong: a guesser gets this many tries a minute against a 100-bit code.
      router.post(
        ['/status', '/api/status'],
        refuseCrossSite(ctx.cfg.INTAKE_PUBLIC_URL),
        rateLimit(ctx.cfg.INTAKE_STATUS_RATE_LIMIT_PER_MINUTE, ctx.cfg.INTAKE_RATE_LIMIT_IPV6_PREFIX, (s) => new TooManyLookupsError(s)),
      );
      checkStatus(router, ctx);
      lookupStatus(router, ctx);
    },
    // Reporters read errors in their language: the form's page language, or the API's `?lang=` /
    // Accept-Language (English when neither names nl, en, fr or de).
    renderError: (err, req, res) => {
      const statusForm = req.path === '/status';
      const form = req.path === '/report' || statusForm;
      const lang = pickLanguage(req.query.lang, req.get('accept-language'), form ? 'nl' : 'en');
      const { message, details } = localizeError(err, lang, { form, uploadsEnabled: settings.uploadsEnabled });
      if (statusForm) {
        const reference = (req.body as Record<string, unknown> | undefined)?.reference;
        res
          .status(err.status)
          .type('html')
          .send(statusPage(lang, { error: message, reference: typeof reference === 'string' ? reference.slice(0, 100) : undefined }));
        return true;
      }
      if (!form) {
        res.status(err.status).json({ error: { code: err.code, message, ...(details ? { details } : {}) } });
        return true;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      const urls = Array.isArray(body.urls) ? body.urls.filter((u) => typeof u === 'string').join('\n') : body.urls;
      res
        .status(err.status)
        .type('html')
        .send(
          formPage(lang, settings, {
            // The page's heading already says the report was not sent: list just the problems.
            error: details ? details.map((d) => d.problem) : message,
            urls: typeof urls === 'string' ? urls : undefined,
            description: typeof body.description === 'string' ? body.description : undefined,
          }),
        );
      return true;
    },
  });
}
