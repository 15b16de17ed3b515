import { scanStartTags } from './scan-tags';

const IMAGE_META = new Set(['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']);
const IMAGE_PATH = /\.(jpe?g|png|gif|webp|bmp|avif|tiff?|mp4|m4v|mov|webm|mkv|avi)$/i;

interface Candidate {
  raw: string;
  /** Links count only when they point at an image file; everything else is already an image reference. */
  linkOnly: boolean;
}

/** Image and video URLs a page shows or links to (`<video src>`, `<source src>` inside a video), absolute, http(s) only, in document order, deduplicated, at most `max`. */
export function extractImageUrls(html: string, baseUrl: string, max: number): string[] {
  const found: Candidate[] = [];
  let baseHref: string | undefined;
  let pictureDepth = 0;
  let videoDepth = 0;
  const add = (raw: string | undefined, linkOnly = false) => raw && found.push({ raw: raw.trim(), linkOnly });

  scanStartTags(html, {
    onstarttag(name, attrs) {
      if (name === 'base' && baseHref === undefined && attrs.href) baseHref = attrs.href;
      else if (name === 'picture') pictureDepth++;
      else if (name === 'img') {
        add(attrs.src);
        srcsetUrls(attrs.srcset).forEach((u) => add(u));
      } else if (name === 'video') {
        videoDepth++;
        add(attrs.src);
      } else if (name === 'source' && videoDepth > 0) add(attrs.src);
      else if (name === 'source' && pictureDepth > 0) srcsetUrls(attrs.srcset).forEach((u) => add(u));
      else if (name === 'meta' && IMAGE_META.has((attrs.property ?? attrs.name ?? '').toLowerCase())) add(attrs.content);
      else if (name === 'a') add(attrs.href, true);
    },
    onendtag(name) {
      if (name === 'picture' && pictureDepth > 0) pictureDepth--;
      if (name === 'video' && videoDepth > 0) videoDepth--;
    },
  });

  // <base> applies to the whole document, including URLs that appear before it.
  const base = resolve(baseHref ?? '', baseUrl) ?? safeUrl(baseUrl);
  const out = new Set<string>();
  for (const { raw, linkOnly } of found) {
    if (out.size >= max) break;
    const url = base && resolve(raw, base.href);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    if (linkOnly && !IMAGE_PATH.test(url.pathname)) continue;
    out.add(url.href);
  }
  return [...out];
}

/** Candidate URLs of a srcset, following the HTML spec's split: a URL runs to white space, descriptors to a comma. */
function srcsetUrls(srcset: string | undefined): string[] {
  const urls: string[] = [];
  const s = srcset ?? '';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i]!)) i++;
    const start = i;
    while (i < s.length && !/\s/.test(s[i]!)) i++;
    let url = s.slice(start, i);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      let depth = 0;
      for (; i < s.length && (s[i] !== ',' || depth > 0); i++) depth += s[i] === '(' ? 1 : s[i] === ')' ? -1 : 0;
    }
    if (url) urls.push(url);
  }
  return urls;
}

function resolve(raw: string, base: string): URL | undefined {
  return raw === '' ? undefined : safeUrl(raw, base);
}

function safeUrl(raw: string, base?: string): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}
