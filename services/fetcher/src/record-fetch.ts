import { contentFetched, derivedId, enqueueEvent, itemUnresolved, type Queryable } from '@hotline/platform';
import { insertContent, settleItem, type ItemSettlement } from '@hotline/reports';
import type { FetcherContext } from './config';

export type ItemOutcome =
  | { state: 'refused' | 'failed'; reason: string; /** For logs: without the reported host. */ logReason?: string }
  | { state: 'fetched'; finalUrl: string; httpStatus: number; mime: string; bytes: Buffer }
  | { state: 'page'; finalUrl: string; httpStatus: number; reason: string };

export interface ItemRef {
  id: string;
  reportId: string;
  origin: 'url' | 'linked';
  /** The reported address (top-level items): an unresolved one goes to review with it. */
  url?: string;
}

/**
 * Writes an item's outcome; a fetched image also gets its encrypted bytes, a contents row and its event.
 * Only a `pending` item moves (compare-and-set): when another delivery of the same event already recorded
 * an outcome, this one writes and enqueues nothing and returns false.
 */
export async function recordOutcome(ctx: FetcherContext, tx: Queryable, item: ItemRef, outcome: ItemOutcome): Promise<boolean> {
  const settlement: ItemSettlement =
    outcome.state !== 'fetched' && outcome.state !== 'page'
      ? { state: outcome.state, reason: outcome.reason }
      : {
          state: outcome.state,
          reason: outcome.state === 'page' ? outcome.reason : null,
          finalUrl: outcome.finalUrl,
          httpStatus: outcome.httpStatus,
          mime: outcome.state === 'page' ? 'text/html' : outcome.mime,
        };
  if (!(await settleItem(tx, item.id, settlement))) return false;
  if ((outcome.state === 'refused' || outcome.state === 'failed') && item.origin === 'url') {
    // Every reported URL reaches an analyst: one that yields nothing to hash becomes a `url` review item.
    await enqueueEvent(tx, itemUnresolved, {
      subjectId: item.id,
      reportId: item.reportId,
      itemId: item.id,
      contentId: null,
      url: item.url ?? null,
      cause: outcome.state,
      reason: outcome.reason.slice(0, 2000),
    });
  }
  if (outcome.state !== 'fetched') return true;
  // Derived from the item, so a redelivered event maps onto the same content and nothing doubles.
  const contentId = derivedId('content', item.id);
  const blobKey = `content/${contentId}`;
  await ctx.content.put(tx, blobKey, outcome.bytes);
  const inserted = await insertContent(tx, {
    id: contentId,
    reportId: item.reportId,
    itemId: item.id,
    origin: item.origin,
    sourceUrl: outcome.finalUrl,
    blobKey,
    mime: outcome.mime,
    byteSize: outcome.bytes.length,
  });
  if (!inserted) return true;
  await enqueueEvent(tx, contentFetched, {
    contentId,
    reportId: item.reportId,
    itemId: item.id,
    origin: item.origin,
    sourceUrl: outcome.finalUrl,
    blobKey,
    mime: outcome.mime,
    byteSize: outcome.bytes.length,
  });
  return true;
}
