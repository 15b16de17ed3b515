import {
  derivedId,
  describeError,
  enqueueEvent,
  FetchFailedError,
  type DeliveryContext,
  FetchRefusedError,
  HotlineError,
  itemUnresolved,
  type UrlReported,
} from '@hotline/platform';
import { insertLinkedItem, itemState } from '@hotline/reports';
import { extractImageUrls, MAX_URL_LENGTH, safeFetch, safeFetchOptions, type FetchedResource, type SafeFetchOptions } from '@hotline/safe-fetch';
import type { FetcherContext } from './config';
import { recordOutcome, type ItemOutcome } from './record-fetch';
import { logOutcome, logPage } from './log-outcome';
import { countOutcome } from './reason-class';

export function fetchOptions(ctx: FetcherContext): SafeFetchOptions {
  return safeFetchOptions(ctx.cfg);
}

/** Transient failures (HTTP 503, a reset connection) of a reported URL get this many deliveries before they count. */
const TRANSIENT_TRIES = 3;
const BUDGET_EXHAUSTED = 'page time budget exhausted';

type Attempt = FetchedResource | { state: 'refused' | 'failed'; reason: string; logReason?: string };

/**
 * Refusals and fetch failures are outcomes to record, not errors to retry; a transient failure is
 * retried through the bus a few times first. Anything else (the database) is thrown and retried.
 */
async function attempt(url: string, opts: SafeFetchOptions, delivery?: { attempt: number; tries: number }): Promise<Attempt> {
  try {
    return await safeFetch(url, opts);
  } catch (err) {
    if (err instanceof FetchRefusedError) return { state: 'refused', reason: err.message, logReason: err.logReason };
    if (err instanceof FetchFailedError && err.retriable && delivery && delivery.attempt < delivery.tries) throw err;
    if (err instanceof FetchFailedError) return { state: 'failed', reason: err.message, logReason: err.logReason };
    if (err instanceof HotlineError) throw err;
    const code = (err as { code?: unknown }).code;
    return { state: 'failed', reason: `fetch failed: ${(err as Error).message}`, logReason: `fetch failed (${typeof code === 'string' ? code : 'error'})` };
  }
}

function toOutcome(r: Attempt, imagesOnly: boolean): ItemOutcome {
  if ('state' in r) return r;
  if (r.kind === 'image' || r.kind === 'video') return { state: 'fetched', finalUrl: r.finalUrl, httpStatus: r.status, mime: r.mime, bytes: r.bytes };
  if (imagesOnly) return { state: 'failed', reason: 'a linked resource turned out not to be an image or a video' };
  return { state: 'page', finalUrl: r.finalUrl, httpStatus: r.status, reason: '' };
}

/** One reported URL gets this long in all, its page's images included, so one report cannot hold a fetcher for minutes. */
function pageBudget(ms: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchFailedError(BUDGET_EXHAUSTED)), ms);
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/**
 * Handles one reported URL: an image is stored; a page yields the images it links, one level deep,
 * bounded in number and fetched a few at once within the page's time budget. Idempotent: an item
 * that already has an outcome is left alone, and of two racing deliveries only the first records.
 */
export async function fetchReportedUrl(ctx: FetcherContext, ev: UrlReported, delivery: Pick<DeliveryContext, 'attempt' | 'heartbeat'>): Promise<void> {
  const state = await itemState(ctx.db, ev.itemId);
  if (state !== 'pending') {
    if (!state) ctx.logger.warn({ itemId: ev.itemId }, 'reported item no longer exists; skipping');
    return;
  }
  const budget = pageBudget(ctx.cfg.FETCH_PAGE_BUDGET_MS);
  const stopKeepAlive = keepAlive(ctx, delivery);
  try {
    const opts = { ...fetchOptions(ctx), signal: budget.signal };
    // Never more tries than the bus gives a delivery: its last attempt must record the failure, not dead-letter it.
    const first = await attempt(ev.url, opts, { attempt: delivery.attempt, tries: Math.min(TRANSIENT_TRIES, ctx.cfg.BUS_MAX_ATTEMPTS) });
    const item = { id: ev.itemId, reportId: ev.reportId, origin: 'url' as const, url: ev.url };
    if ('state' in first || first.kind !== 'html') {
      const outcome = toOutcome(first, false);
      if (await ctx.db.transaction((tx) => recordOutcome(ctx, tx, item, outcome))) {
        logOutcome(ctx.logger, item, outcome);
        countOutcome(ctx.metrics, outcome);
      }
      ctx.relay.kick();
      return;
    }
    await handlePage(ctx, ev, first, opts);
  } finally {
    stopKeepAlive();
    budget.dispose();
  }
}

/**
 * Heartbeats on a timer while the item is worked on: a page may take its whole budget, and a fetch that
 * hangs must not let the broker's session expire (the group would rebalance and hand the event to the next
 * fetcher, again and again). A failed heartbeat (a rebalance under way) is not the item's failure.
 */
function keepAlive(ctx: FetcherContext, delivery: Pick<DeliveryContext, 'heartbeat'>): () => void {
  const every = Math.max(250, Math.floor(ctx.cfg.KAFKA_SESSION_TIMEOUT_MS / 5));
  const timer = setInterval(() => {
    delivery.heartbeat().catch((err: unknown) => ctx.logger.debug({ reason: describeError(err) }, 'heartbeat failed'));
  }, every);
  return () => clearInterval(timer);
}

async function handlePage(ctx: FetcherContext, ev: UrlReported, page: FetchedResource, opts: SafeFetchOptions): Promise<void> {
  // A bounded prefix: the tokenizer is linear, and this bounds how long the event loop is ours (pages may be 20 MB).
  const parsed = Math.min(page.bytes.length, ctx.cfg.FETCH_MAX_PARSE_BYTES);
  const links = extractImageUrls(page.bytes.subarray(0, parsed).toString('utf8'), page.finalUrl, ctx.cfg.FETCH_MAX_LINKED_IMAGES);
  const outcomes = await fetchLinked(links, opts, ctx.cfg.FETCH_LINKED_CONCURRENCY);
  const children = links.map((url, position) => ({ id: derivedId('linked', ev.itemId, url), position, url: storedUrl(url), outcome: outcomes[position]! }));
  const fetched = children.filter((c) => c.outcome.state === 'fetched').length;
  const item = { id: ev.itemId, reportId: ev.reportId, origin: 'url' as const };
  const outcome: ItemOutcome = {
    state: 'page',
    finalUrl: page.finalUrl,
    httpStatus: page.status,
    reason: `page links ${links.length} image(s); ${fetched} fetched${parsed < page.bytes.length ? `; only the first ${parsed} of ${page.bytes.length} bytes searched` : ''}`,
  };
  const recorded = await ctx.db.transaction(async (tx) => {
    // The page first: a delivery that lost the race to record it must not touch its children either.
    if (!(await recordOutcome(ctx, tx, item, outcome))) return undefined;
    const done: typeof children = [];
    for (const child of children) {
      await insertLinkedItem(tx, { id: child.id, reportId: ev.reportId, parentId: ev.itemId, position: child.position, url: child.url });
      if (await recordOutcome(ctx, tx, { id: child.id, reportId: ev.reportId, origin: 'linked' }, child.outcome)) done.push(child);
    }
    if (fetched === 0) {
      // Nothing on the page to hash: the page itself goes to an analyst as a `url` item.
      await enqueueEvent(tx, itemUnresolved, {
        subjectId: ev.itemId,
        reportId: ev.reportId,
        itemId: ev.itemId,
        contentId: null,
        url: ev.url,
        cause: 'no_images',
        reason: outcome.reason,
      });
    }
    return done;
  });
  ctx.relay.kick();
  if (!recorded) return;
  for (const child of recorded) {
    logOutcome(ctx.logger, { id: child.id, reportId: ev.reportId, parentId: ev.itemId }, child.outcome);
    countOutcome(ctx.metrics, child.outcome);
  }
  logPage(ctx.logger, item, links.length, fetched);
  countOutcome(ctx.metrics, outcome);
}

/**
 * Fetches a page's images, `concurrency` at a time, in document order. Once the page's budget is spent
 * the fetches in flight are cut off and the rest are not started; all of them end `failed` for good.
 */
async function fetchLinked(links: string[], opts: SafeFetchOptions, concurrency: number): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < links.length) {
      const i = next++;
      const url = links[i]!;
      if (url.length > MAX_URL_LENGTH)
        outcomes[i] = { state: 'failed', reason: `the link is longer than ${MAX_URL_LENGTH} characters (${url.length}); not fetched` };
      else if (opts.signal?.aborted) outcomes[i] = { state: 'failed', reason: BUDGET_EXHAUSTED };
      else outcomes[i] = toOutcome(await attempt(url, opts), true);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, links.length) }, worker));
  return outcomes;
}

/** report_urls keeps an over-long link cut short and marked, so an analyst sees what it was without a megabyte of it. */
function storedUrl(url: string): string {
  if (url.length <= MAX_URL_LENGTH) return url;
  return `${url.slice(0, 1024)}…[truncated: ${url.length} characters]`;
}
