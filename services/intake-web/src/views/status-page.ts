import type { PublicStatus } from '@hotline/reports';
import { STRINGS, type Lang } from '../i18n';
import { STATUS_STRINGS } from '../status-i18n';
import { languagePicker } from './form-page';
import { esc, page } from './html';

export interface StatusState {
  /** What the reporter typed, shown again after a refusal (the code is never echoed). */
  reference?: string;
  status?: PublicStatus;
  error?: string;
}

/** GET /status and the answer of POST /status: the form, and the status or the one refusal above it. */
export function statusPage(lang: Lang, state: StatusState = {}): string {
  const t = STATUS_STRINGS[lang];
  const result = state.status
    ? `<p class="ref" role="status">${esc(t.heading)} <strong>${esc(t.status[state.status].name)}</strong></p>
<p>${esc(t.status[state.status].explain)}</p>`
    : '';
  const error = state.error ? `<p class="error" role="alert">${esc(state.error)}</p>` : '';
  return page(
    lang,
    t.title,
    `${languagePicker(lang, '/status')}
<h1>${esc(t.title)}</h1>
${result}${error}
<p>${esc(t.intro)}</p>
<form method="post" action="/status?lang=${lang}">
<label for="reference">${esc(t.referenceLabel)}</label>
<input id="reference" name="reference" type="text" autocomplete="off" spellcheck="false" value="${esc(state.reference)}">
<label for="code">${esc(t.codeLabel)}</label>
<input id="code" name="code" type="text" autocomplete="off" spellcheck="false">
<button type="submit">${esc(t.submit)}</button>
</form>
<p><a href="/?lang=${lang}">${esc(STRINGS[lang].back)}</a></p>`,
  );
}
