import { derivedId, FetchFailedError, type DeliveryContext, FetchRefusedError, HotlineError, type ServiceContext, type UrlReported } from '@hotline/shared';
import { extractImageUrls, safeFetch, type FetchedResource, type SafeFetchOptions } from './safe-fetch';
import { recordOutcome, type ItemOutcome } from './record-fetch';

export function fetchOptions(ctx: ServiceContext): SafeFetchOptions {
  return {
    timeoutMs: ctx.cfg.FETCH_TIMEOUT_MS,
    maxBytes: ctx.cfg.FETCH_MAX_BYTES,
    maxRedirects: ctx.cfg.FETCH_MAX_REDIRECTS,
    allowHosts: ctx.cfg.FETCH_ALLOW_HOSTS,
    userAgent: ctx.cfg.FETCH_USER_AGENT,
  };
}

/** Transient failures (HTTP 503, a reset connection) of a reported URL get this many deliveries before they count. */
const TRANSIENT_TRIES = 3;

/**
 * Refusals and fetch failures are outcomes to record, not errors to retry; a transient failure is
 * retried through the bus a few times first. Anything else (the database) is thrown and retried.
 */
async function attempt(url: string, opts: SafeFetchOptions, delivery = TRANSIENT_TRIES): Promise<FetchedResource | { state: 'refused' | 'failed'; reason: string }> {
  try {
    return await safeFetch(url, opts);
  } catch (err) {
    if (err instanceof FetchRefusedError) return { state: 'refused', reason: err.message };
    if (err instanceof FetchFailedError && err.retriable && delivery < TRANSIENT_TRIES) throw err;
    if (err instanceof FetchFailedError) return { state: 'failed', reason: err.message };
    if (err instanceof HotlineError) throw err;
    return { state: 'failed', reason: `fetch failed: ${(err as Error).message}` };
  }
}

function toOutcome(r: FetchedResource | { state: 'refused' | 'failed'; reason: string }, imagesOnly: boolean): ItemOutcome {
  if ('state' in r) return r;
  if (r.kind === 'image') return { state: 'fetched', finalUrl: r.finalUrl, httpStatus: r.status, mime: r.mime, bytes: r.bytes };
  if (imagesOnly) return { state: 'failed', reason: 'a linked resource turned out not to be an image' };
  return { state: 'page', finalUrl: r.finalUrl, httpStatus: r.status, reason: '' };
}

/**
 * Handles one reported URL: an image is stored; a page yields the images it links, one level deep
 * and bounded in number. Idempotent: an item that already has an outcome is left alone.
 */
export async function fetchReportedUrl(ctx: ServiceContext, ev: UrlReported, delivery: Pick<DeliveryContext, 'attempt' | 'heartbeat'>): Promise<void> {
  const current = await ctx.db.query<{ state: string }>('SELECT state FROM report_urls WHERE id = $1', [ev.itemId]);
  const state = current.rows[0]?.state;
  if (state !== 'pending') {
    if (!state) ctx.logger.warn({ itemId: ev.itemId }, 'reported item no longer exists; skipping');
    return;
  }
  const opts = fetchOptions(ctx);
  const first = await attempt(ev.url, opts, delivery.attempt);
  const item = { id: ev.itemId, reportId: ev.reportId, origin: 'url' as const };
  if ('state' in first || first.kind === 'image') {
    await ctx.db.transaction((tx) => recordOutcome(ctx, tx, item, toOutcome(first, false)));
    ctx.relay.kick();
    return;
  }
  // A bounded prefix: the tokenizer is linear, and this bounds how long the event loop is ours (pages may be 20 MB).
  const parsed = Math.min(first.bytes.length, ctx.cfg.FETCH_MAX_PARSE_BYTES);
  const links = extractImageUrls(first.bytes.subarray(0, parsed).toString('utf8'), first.finalUrl, ctx.cfg.FETCH_MAX_LINKED_IMAGES);
  const children: Array<{ id: string; url: string; outcome: ItemOutcome }> = [];
  for (const url of links) {
    await delivery.heartbeat();
    children.push({ id: derivedId('linked', ev.itemId, url), url, outcome: toOutcome(await attempt(url, opts), true) });
  }
  const fetched = children.filter((c) => c.outcome.state === 'fetched').length;
  await ctx.db.transaction(async (tx) => {
    for (const [position, child] of children.entries()) {
      await tx.query(
        `INSERT INTO report_urls (id, report_id, parent_id, position, url) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [child.id, ev.reportId, ev.itemId, position, child.url],
      );
      await recordOutcome(ctx, tx, { id: child.id, reportId: ev.reportId, origin: 'linked' }, child.outcome);
    }
    await recordOutcome(ctx, tx, item, {
      state: 'page',
      finalUrl: first.finalUrl,
      httpStatus: first.status,
      reason: `page links ${links.length} image(s); ${fetched} fetched${parsed < first.bytes.length ? `; only the first ${parsed} of ${first.bytes.length} bytes searched` : ''}`,
    });
  });
  ctx.relay.kick();
}
