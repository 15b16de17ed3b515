import type { Router } from 'express';
import type { IntakeContext } from '../config';
import { pickLanguage } from '../i18n';
import { lookUpStatus, statusBodyParser } from '../status-lookup';
import { statusPage } from '../views/status-page';

/** POST /status — the status form (URL-encoded `reference`, `code`); a refusal re-renders the form (app.ts). */
export function checkStatus(router: Router, ctx: IntakeContext): void {
  router.post('/status', statusBodyParser('form'), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const found = await lookUpStatus(ctx, body.reference, body.code);
    res.type('html').send(statusPage(pickLanguage(req.query.lang, req.get('accept-language')), found));
  });
}
