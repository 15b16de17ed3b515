import { DecodeError, FetchFailedError, FetchRefusedError } from '@hotline/platform';
import { exactHashes, hammingHex, hashImage, hashOptionsFrom } from '@hotline/hashing';
import { extractImageUrls, safeFetch, safeFetchOptions, type FetchedResource } from '@hotline/safe-fetch';
import type { CaseItem, CheckOutcome } from '@hotline/takedown';
import type { TakedownConfig } from './config';

export interface CheckResult {
  outcome: CheckOutcome;
  httpStatus: number | null;
  detail: string;
}

/** Statuses that say the resource is gone, not that the server is having a bad day. */
const GONE = new Set([404, 410, 451]);

/**
 * Re-fetches a confirmed URL the way the fetcher did (the same SSRF guard and limits) and re-hashes what it serves:
 * `present` while the same bytes (SHA-256) or a PDQ near-duplicate are served, directly or as an image of the page;
 * `absent` when the URL is gone (404/410/451, the name no longer resolves) or serves other content; `unreachable`
 * when the answer proves nothing either way (time-outs, 5xx, refusals), which neither confirms nor counts as removal.
 */
export async function checkServed(cfg: TakedownConfig, url: string, items: CaseItem[], signal?: AbortSignal): Promise<CheckResult> {
  const opts = { ...safeFetchOptions(cfg), signal };
  let res: FetchedResource;
  try {
    res = await safeFetch(url, opts);
  } catch (err) {
    return failedFetch(err);
  }
  const hashed = items.filter((i) => i.sha256 !== null || i.pdq !== null);
  // A URL item (nothing was ever hashed at it): an answer proves nothing (a "file removed" page answers 200 too), so
  // it neither repeats nor escalates notices; only a 404/410/451 or a name that no longer resolves ends the case.
  if (hashed.length === 0) return { outcome: 'unreachable', httpStatus: res.status, detail: `HTTP ${res.status}, ${res.kind} served (no hash to compare)` };
  if (res.kind === 'image' || res.kind === 'video') {
    const match = await compare(cfg, res, hashed);
    return match
      ? { outcome: 'present', httpStatus: res.status, detail: match }
      : { outcome: 'absent', httpStatus: res.status, detail: 'serves other content' };
  }
  const links = extractImageUrls(res.bytes.toString('utf8'), res.finalUrl, cfg.TAKEDOWN_CHECK_MAX_IMAGES);
  for (const link of links) {
    let img: FetchedResource;
    try {
      img = await safeFetch(link, { ...opts, accept: 'image/*, video/*' });
    } catch {
      continue;
    }
    if (img.kind === 'html') continue;
    const match = await compare(cfg, img, hashed);
    if (match) return { outcome: 'present', httpStatus: res.status, detail: `page shows it (${match})` };
  }
  return { outcome: 'absent', httpStatus: res.status, detail: `page no longer shows it (${links.length} images compared)` };
}

/**
 * The same file (SHA-256), or for an image a PDQ near-duplicate. A video is compared by its bytes only: a confirmed
 * video's frames are not in the case, and a host rarely re-encodes a file in place.
 */
async function compare(cfg: TakedownConfig, res: FetchedResource, items: CaseItem[]): Promise<string | null> {
  const bytes = res.bytes;
  const { sha256 } = exactHashes(bytes);
  if (items.some((i) => i.sha256 === sha256)) return 'same SHA-256';
  if (res.kind !== 'image') return null;
  const withPdq = items.filter((i) => i.pdq !== null);
  if (withPdq.length === 0) return null;
  let pdq: string | null;
  try {
    const h = await hashImage(bytes, hashOptionsFrom(cfg));
    pdq = h.pdqQuality >= 50 ? h.hashes.pdq : null;
  } catch (err) {
    if (err instanceof DecodeError) return null;
    throw err;
  }
  if (!pdq) return null;
  let best = Infinity;
  for (const i of withPdq) best = Math.min(best, hammingHex(pdq, i.pdq!));
  return best <= cfg.TAKEDOWN_PDQ_MAX_DISTANCE ? `PDQ distance ${best}` : null;
}

function failedFetch(err: unknown): CheckResult {
  if (err instanceof FetchFailedError) {
    const status = /^HTTP (\d{3})/.exec(err.message);
    if (status) {
      const code = Number(status[1]);
      return { outcome: GONE.has(code) ? 'absent' : 'unreachable', httpStatus: code, detail: err.message };
    }
    if (/ENOTFOUND|ENODATA/.test(err.message)) return { outcome: 'absent', httpStatus: null, detail: 'the host name no longer resolves' };
    if (/unsupported content type|not supported/.test(err.message))
      return { outcome: 'absent', httpStatus: null, detail: `serves other content (${err.message})` };
    return { outcome: 'unreachable', httpStatus: null, detail: err.message };
  }
  if (err instanceof FetchRefusedError) return { outcome: 'unreachable', httpStatus: null, detail: err.message };
  throw err;
}
