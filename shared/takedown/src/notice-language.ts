// Countries whose one official language we have a notice template in. Multilingual countries (Belgium, Switzerland,
// Luxembourg) are left out: a guess could address a provider in the wrong language; the directory says it exactly.
const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = { NL: 'nl', SR: 'nl', DE: 'de', AT: 'de', LI: 'de', FR: 'fr', MC: 'fr' };

/** The language a provider's notice adds to English: the directory's, else its hosting country's when unambiguous. */
export function noticeLanguage(trace: Record<string, unknown> | { language?: string | null; country?: string | null } | null): string | null {
  const t = (trace ?? {}) as { language?: unknown; country?: unknown };
  if (typeof t.language === 'string' && t.language) return t.language;
  return typeof t.country === 'string' ? (COUNTRY_LANGUAGE[t.country.toUpperCase()] ?? null) : null;
}
