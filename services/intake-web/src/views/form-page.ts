import { STRINGS, type Lang } from '../i18n';
import { esc, page } from './html';

export interface FormState {
  urls?: string;
  description?: string;
  error?: string;
}

export function formPage(lang: Lang, state: FormState = {}): string {
  const t = STRINGS[lang];
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  return page(
    lang,
    t.title,
    `<nav><a href="/?lang=${other}" hreflang="${other}">${esc(t.language)}</a></nav>
<h1>${esc(state.error ? t.errorTitle : t.title)}</h1>
${state.error ? `<p class="error" role="alert">${esc(state.error)}</p>` : ''}
<p>${esc(t.intro)}</p>
<p class="privacy">${esc(t.privacy)}</p>
<form method="post" action="/report?lang=${lang}" enctype="multipart/form-data">
<label for="urls">${esc(t.urlsLabel)}</label>
<textarea id="urls" name="urls" rows="6" placeholder="https://" autocomplete="off">${esc(state.urls)}</textarea>
<label for="description">${esc(t.descriptionLabel)}</label>
<textarea id="description" name="description" rows="4" maxlength="2000" autocomplete="off">${esc(state.description)}</textarea>
<label for="images">${esc(t.imagesLabel)}</label>
<input id="images" name="images" type="file" accept="image/*" multiple>
<button type="submit">${esc(t.submit)}</button>
</form>`,
  );
}

export function thanksPage(lang: Lang, reportId: string): string {
  const t = STRINGS[lang];
  return page(
    lang,
    t.thanksTitle,
    `<h1>${esc(t.thanksTitle)}</h1>
<p>${esc(t.thanksBody)}</p>
<p class="ref">${esc(reportId)}</p>
<p>${esc(t.thanksNoFollowUp)}</p>
<p><a href="/?lang=${lang}">${esc(t.another)}</a></p>`,
  );
}
