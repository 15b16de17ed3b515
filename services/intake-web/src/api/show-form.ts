import type { Router } from 'express';
import { pickLanguage } from '../i18n';
import type { IntakeSettings } from '../settings';
import { formPage } from '../views/form-page';

export function showForm(router: Router, settings: IntakeSettings): void {
  router.get('/', (req, res) => {
    res.type('html').send(formPage(pickLanguage(req.query.lang, req.get('accept-language')), settings));
  });
}
