import type { Router } from 'express';
import { pickLanguage } from '../i18n';
import type { IntakeSettings } from '../settings';
import { privacyPage } from '../views/privacy-page';

/** GET /privacy — the default privacy statement the form links to when HOTLINE_PRIVACY_URL is unset. */
export function showPrivacy(router: Router, settings: IntakeSettings): void {
  router.get('/privacy', (req, res) => {
    res.type('html').send(privacyPage(pickLanguage(req.query.lang, req.get('accept-language')), settings));
  });
}
