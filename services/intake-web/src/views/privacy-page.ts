import { STRINGS, type Lang } from '../i18n';
import type { IntakeSettings } from '../settings';
import { languagePicker } from './form-page';
import { esc, page } from './html';

/** The default privacy statement: what this software keeps, which is nothing about the reporter. */
export function privacyPage(lang: Lang, settings: IntakeSettings): string {
  const t = STRINGS[lang];
  return page(
    lang,
    t.privacyTitle,
    `${languagePicker(lang, '/privacy')}
<h1>${esc(t.privacyTitle)}</h1>
${t
  .privacyPage(settings.hotlineName)
  .map((p) => `<p>${esc(p)}</p>`)
  .join('\n')}
<p><a href="/?lang=${lang}">${esc(t.back)}</a></p>`,
  );
}
