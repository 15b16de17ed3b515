import { IMAGE_FORMAT_LABELS } from '@hotline/hashing';
import { LANGS, STRINGS, type Lang } from '../i18n';
import { STATUS_STRINGS } from '../status-i18n';
import type { IntakeSettings } from '../settings';
import { esc, page } from './html';

export interface FormState {
  urls?: string;
  description?: string;
  /** The problems of a refused report, one per line, or the one reason it was refused. */
  error?: string | string[];
}

/** Links to the same page in the other languages. */
export function languagePicker(lang: Lang, path: string): string {
  const links = LANGS.filter((l) => l !== lang).map((l) => `<a href="${path}?lang=${l}" hreflang="${l}" lang="${l}">${esc(STRINGS[l].languageName)}</a>`);
  return `<nav aria-label="${esc(STRINGS[lang].otherLanguages)}">${links.join(' · ')}</nav>`;
}

function errorBlock(error: FormState['error']): string {
  if (!error || error.length === 0) return '';
  if (typeof error === 'string') return `<p class="error" role="alert">${esc(error)}</p>`;
  return `<ul class="error" role="alert">${error.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`;
}

function privacyHref(lang: Lang, settings: IntakeSettings): string {
  return settings.privacyUrl ?? `/privacy?lang=${lang}`;
}

function whatHappensNext(lang: Lang, settings: IntakeSettings): string {
  const t = STRINGS[lang];
  return `<h2>${esc(t.nextTitle)}</h2>
<p>${esc(t.next(settings.hotlineName ?? t.thisHotline))}</p>`;
}

export function formPage(lang: Lang, settings: IntakeSettings, state: FormState = {}): string {
  const t = STRINGS[lang];
  // Without uploads the form is URL-encoded: there is no file to carry, so nothing invites one.
  const enctype = settings.uploadsEnabled ? ' enctype="multipart/form-data"' : '';
  const fileField = settings.uploadsEnabled
    ? `<label for="images">${esc(t.imagesLabel(IMAGE_FORMAT_LABELS.join(', ')))}</label>
<input id="images" name="images" type="file" accept="image/*" multiple>
`
    : '';
  return page(
    lang,
    t.title,
    `${languagePicker(lang, '/')}
<h1>${esc(state.error ? t.errorTitle : t.title)}</h1>
${errorBlock(state.error)}
<p>${esc(t.intro)}</p>
<p class="warning"><strong>${esc(t.warning)}</strong></p>
<form method="post" action="/report?lang=${lang}"${enctype}>
<label for="urls">${esc(t.urlsLabel)}</label>
<textarea id="urls" name="urls" rows="6" placeholder="https://" autocomplete="off">${esc(state.urls)}</textarea>
<label for="description">${esc(t.descriptionLabel)}</label>
<textarea id="description" name="description" rows="4" maxlength="2000" autocomplete="off">${esc(state.description)}</textarea>
${fileField}<button type="submit">${esc(t.submit)}</button>
</form>
<p class="privacy">${esc(t.privacy)} <a href="${esc(privacyHref(lang, settings))}">${esc(t.privacyLink)}</a></p>
${whatHappensNext(lang, settings)}
${settings.hotlineName ? `<p class="operator">${esc(t.operator(settings.hotlineName))}</p>` : ''}`,
  );
}

export function thanksPage(lang: Lang, settings: IntakeSettings, reportId: string, pickupCode: string): string {
  const t = STRINGS[lang];
  const s = STATUS_STRINGS[lang];
  return page(
    lang,
    t.thanksTitle,
    `<h1>${esc(t.thanksTitle)}</h1>
<p>${esc(t.thanksBody)}</p>
<p class="ref">${esc(reportId)}</p>
<h2>${esc(s.pickupTitle)}</h2>
<p class="ref">${esc(pickupCode)}</p>
<p>${esc(s.pickupBody)} <a href="/status?lang=${lang}">${esc(s.checkLink)}</a></p>
<p class="warning">${esc(s.pickupOnce)}</p>
${whatHappensNext(lang, settings)}
<p class="warning">${esc(t.warning)}</p>
<p><a href="/?lang=${lang}">${esc(t.another)}</a> · <a href="${esc(privacyHref(lang, settings))}">${esc(t.privacyLink)}</a></p>`,
  );
}
