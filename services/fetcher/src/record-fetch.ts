import { contentFetched, derivedId, enqueueEvent, type Queryable } from '@hotline/platform';
import type { FetcherContext } from './config';

export type ItemOutcome =
  | { state: 'refused' | 'failed'; reason: string; /** For logs: without the reported host. */ logReason?: string }
  | { state: 'fetched'; finalUrl: string; httpStatus: number; mime: string; bytes: Buffer }
  | { state: 'page'; finalUrl: string; httpStatus: number; reason: string };

export interface ItemRef {
  id: string;
  reportId: string;
  origin: 'url' | 'linked';
}

/**
 * Writes an item's outcome; a fetched image also gets its encrypted bytes, a contents row and its event.
 * Only a `pending` item moves (compare-and-set): when another delivery of the same event already recorded
 * an outcome, this one writes and enqueues nothing and returns false.
 */
export async function recordOutcome(ctx: FetcherContext, tx: Queryable, item: ItemRef, outcome: ItemOutcome): Promise<boolean> {
  const moved =
    outcome.state !== 'fetched' && outcome.state !== 'page'
      ? await tx.query(`UPDATE report_urls SET state = $2, reason = $3, updated_at = now() WHERE id = $1 AND state = 'pending'`, [
          item.id,
          outcome.state,
          outcome.reason,
        ])
      : await tx.query(
          `UPDATE report_urls SET state = $2, reason = $3, final_url = $4, http_status = $5, mime = $6, updated_at = now()
            WHERE id = $1 AND state = 'pending'`,
          [item.id, outcome.state, outcome.state === 'page' ? outcome.reason : null, outcome.finalUrl, outcome.httpStatus, outcome.state === 'page' ? 'text/html' : outcome.mime],
        );
  if (moved.rowCount === 0) return false;
  if (outcome.state !== 'fetched') return true;
  // Derived from the item, so a redelivered event maps onto the same content and nothing doubles.
  const contentId = derivedId('content', item.id);
  const blobKey = `content/${contentId}`;
  await ctx.content.put(tx, blobKey, outcome.bytes);
  const inserted = await tx.query(
    `INSERT INTO contents (id, report_id, item_id, origin, source_url, blob_key, mime, byte_size)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [contentId, item.reportId, item.id, item.origin, outcome.finalUrl, blobKey, outcome.mime, outcome.bytes.length],
  );
  if (inserted.rowCount === 0) return true;
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

/** An image found on a reported page becomes an item of the report, a child of the page. */
export async function insertLinkedItem(tx: Queryable, item: { id: string; reportId: string; parentId: string; position: number; url: string }): Promise<void> {
  await tx.query(`INSERT INTO report_urls (id, report_id, parent_id, position, url) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, [
    item.id,
    item.reportId,
    item.parentId,
    item.position,
    item.url,
  ]);
}
