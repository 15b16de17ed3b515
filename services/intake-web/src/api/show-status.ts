import type { Router } from 'express';
import { pickLanguage } from '../i18n';
import { statusPage } from '../views/status-page';

/** GET /status — where a web reporter enters the reference and pick-up code of their report. */
export function showStatus(router: Router): void {
  router.get('/status', (req, res) => {
    res.type('html').send(statusPage(pickLanguage(req.query.lang, req.get('accept-language'))));
  });
}
