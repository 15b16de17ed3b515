/** The longest address url.reported carries. */
export const MAX_URL_LENGTH = 2048;
/** Per report, as on the web form. */
export const MAX_URLS = 50;

const IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/** An address as a reporter typed or a platform marked it: http(s) only, https when it has no scheme. */
export function normaliseUrl(raw: string): string | undefined {
  const s = raw.trim().replace(TRAILING, '');
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`;
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.') || u.href.length > MAX_URL_LENGTH) return undefined;
  return u.href;
}

/** Addresses written in a text (WhatsApp, Viber and Signal mark none). */
export function urlsInText(text: string | undefined): string[] {
  return text ? [...text.matchAll(IN_TEXT)].map((m) => m[0]) : [];
}

/** Normalised, deduplicated, at most MAX_URLS. */
export function cleanUrls(raw: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const r of raw) {
    const u = normaliseUrl(r);
    if (u) out.add(u);
    if (out.size >= MAX_URLS) break;
  }
  return [...out];
}
