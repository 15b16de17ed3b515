import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import axios, { type AxiosResponse } from 'axios';
import { FetchFailedError, FetchRefusedError, HotlineError } from '@hotline/platform';
import { identifyFormat, looksLikeHtml, sniffVideo, unsupportedFormatReason } from '@hotline/hashing';
import { vetTarget, type LookupFn, type VettedTarget } from './ssrf-guard';

export interface SafeFetchOptions {
  /** Deadline for the whole fetch: every DNS lookup, redirect hop and the body. */
  timeoutMs: number;
  maxBytes: number;
  /** Videos may be larger than `maxBytes` up to this (default: `maxBytes`); anything else keeps `maxBytes`. */
  maxVideoBytes?: number;
  maxRedirects: number;
  /** Test-only `host:port` strings exempt from the address policy; empty in production. */
  allowHosts: string[];
  userAgent: string;
  accept?: string;
  lookup?: LookupFn;
  /** Ends the fetch early (a page's time budget); a HotlineError given as the abort reason is what the fetch fails with. */
  signal?: AbortSignal;
}

/** Longest URL the pipeline carries: `content.fetched` caps `sourceUrl` at this length. */
export const MAX_URL_LENGTH = 4096;

export interface FetchedResource {
  finalUrl: string;
  status: number;
  bytes: Buffer;
  kind: 'image' | 'video' | 'html';
  /** Sniffed from the bytes; the server's Content-Type is never trusted. */
  mime: string;
  /** Every URL that answered with a redirect, in order; the chain ends at finalUrl. */
  redirects: string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRIABLE_STATUSES = new Set([429, 502, 503, 504]);
const RETRIABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN']);
const DEFAULT_ACCEPT = 'image/avif,image/webp,image/*;q=0.9,video/*;q=0.9,text/html;q=0.8';

// No keep-alive: a pooled socket is keyed by host name, so reusing one could bypass the address pinned for this fetch.
const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false, rejectUnauthorized: true });

/** Fetches one reported URL: vetted, pinned to the vetted address, size- and time-capped, content sniffed. */
export async function safeFetch(url: string, opts: SafeFetchOptions): Promise<FetchedResource> {
  const start = parseUrl(url);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let cancel: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Reject first so the race reports the timeout (or the caller's reason) rather than the cancellation it causes.
    const fail = (err: Error) => {
      reject(err);
      controller.abort();
    };
    timer = setTimeout(() => fail(new FetchFailedError(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    cancel = () => fail(opts.signal?.reason instanceof HotlineError ? opts.signal.reason : new FetchFailedError('fetch cancelled'));
    if (opts.signal?.aborted) cancel();
    else opts.signal?.addEventListener('abort', cancel, { once: true });
  });
  const work = follow(start, opts, controller.signal);
  // After a timeout the abandoned work fails too; that failure is expected and already reported.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } catch (err) {
    throw toFetchError(err, opts.timeoutMs);
  } finally {
    clearTimeout(timer);
    if (cancel) opts.signal?.removeEventListener('abort', cancel);
  }
}

async function follow(start: URL, opts: SafeFetchOptions, signal: AbortSignal): Promise<FetchedResource> {
  const redirects: string[] = [];
  let current = start;
  for (;;) {
    // Every hop is vetted again: a public page may redirect anywhere, including inside our network.
    const target = await vetTarget(current, opts);
    const res = await request(current, target, opts, signal);
    const location = res.headers['location'];
    if (REDIRECT_STATUSES.has(res.status) && typeof location === 'string' && location !== '') {
      discard(res);
      if (redirects.length >= opts.maxRedirects) throw new FetchFailedError(`too many redirects (more than ${opts.maxRedirects})`);
      redirects.push(current.href);
      current = parseUrl(location, current);
      // The fetched resource's URL travels in its event, which caps it; fail here rather than at the event.
      if (current.href.length > MAX_URL_LENGTH) throw new FetchFailedError(`the redirect location is longer than ${MAX_URL_LENGTH} characters`);
      continue;
    }
    if (res.status < 200 || res.status > 299) {
      discard(res);
      throw new FetchFailedError(`HTTP ${res.status}`, { retriable: RETRIABLE_STATUSES.has(res.status) });
    }
    const declaredType = String(res.headers['content-type'] ?? 'none');
    const bytes = await readCapped(res, opts.maxBytes, Math.max(opts.maxBytes, opts.maxVideoBytes ?? 0), signal);
    const sniffed = classify(bytes, declaredType);
    return { finalUrl: current.href, status: res.status, redirects, bytes, ...sniffed };
  }
}

function request(url: URL, target: VettedTarget, opts: SafeFetchOptions, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
  return axios.request<Readable>({
    url: url.href,
    method: 'GET',
    // Only these two go out (plus Accept-Encoding from axios): nothing about the reporter, no cookies, no referrer.
    headers: { 'User-Agent': opts.userAgent, Accept: opts.accept ?? DEFAULT_ACCEPT },
    // The socket connects to the vetted address, never to a fresh DNS answer; TLS still uses the URL's
    // host name for SNI and certificate verification because the request's hostname is unchanged.
    lookup: (_hostname, _options, callback) => callback(null, [{ address: target.address, family: target.family }]),
    httpAgent,
    httpsAgent,
    // An environment proxy would resolve the name itself and defeat the pinning.
    proxy: false,
    maxRedirects: 0,
    responseType: 'stream',
    decompress: true,
    validateStatus: () => true,
    timeout: opts.timeoutMs,
    signal,
  });
}

/**
 * Reads the body up to `maxBytes`, or up to `maxVideoBytes` when its first bytes sniff as a video: only a video may be
 * larger, so a page or a gzip bomb is still stopped at the general cap (not held to the video's).
 */
async function readCapped(res: AxiosResponse<Readable>, maxBytes: number, maxVideoBytes: number, signal: AbortSignal): Promise<Buffer> {
  if (Number(res.headers['content-length']) > maxVideoBytes) {
    discard(res);
    throw new FetchFailedError(`response is larger than ${maxVideoBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let cap = maxBytes;
  let overCap = false;
  const onAbort = () => discard(res);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    // Counted after decompression, so a small gzip bomb is caught too.
    for await (const chunk of res.data) {
      total += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
      if (total > cap && cap === maxBytes && maxVideoBytes > maxBytes && sniffVideo(Buffer.concat(chunks).subarray(0, 4096))) cap = maxVideoBytes;
      if (total > cap) {
        overCap = true;
        throw new FetchFailedError(`response is larger than ${cap} bytes`);
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (overCap) discard(res);
  }
  return Buffer.concat(chunks, total);
}

function classify(bytes: Buffer, declaredType: string): Pick<FetchedResource, 'kind' | 'mime'> {
  const image = identifyFormat(bytes);
  if (image?.supported) return { kind: 'image', mime: image.format.mime };
  // Before the HTML test: an SVG may open with a comment, which looks like HTML too.
  if (image) throw new FetchFailedError(unsupportedFormatReason(image.label));
  const video = sniffVideo(bytes);
  if (video) return { kind: 'video', mime: video.mime };
  if (looksLikeHtml(bytes)) return { kind: 'html', mime: 'text/html' };
  throw new FetchFailedError(`unsupported content type (sniffed: unknown/declared: ${declaredType})`);
}

/** Drops a response without reading it; closing the request closes the socket behind any decompressor. */
function discard(res: AxiosResponse<Readable>): void {
  res.data.destroy();
  (res.request as http.ClientRequest | undefined)?.destroy();
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new FetchRefusedError(base ? 'refused: the redirect location is not a valid URL' : 'refused: not a valid URL');
  }
}

function toFetchError(err: unknown, timeoutMs: number): Error {
  if (err instanceof HotlineError) return err;
  const code = (err as { code?: string }).code ?? 'unknown error';
  // axios's own timeout usually loses the race with the deadline, but report it the same way when it wins.
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return new FetchFailedError(`timed out after ${timeoutMs} ms`);
  return new FetchFailedError(`connection failed (${code})`, { retriable: RETRIABLE_NETWORK_CODES.has(code) });
}
