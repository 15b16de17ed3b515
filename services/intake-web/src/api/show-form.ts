import type { Router } from 'express';
import { pickLanguage } from '../i18n';
import { formPage } from '../views/form-page';

export function showForm(router: Router): void {
  router.get('/', (req, res) => {
    res.type('html').send(formPage(pickLanguage(req.query.lang, req.get('accept-language'))));
  });
}
