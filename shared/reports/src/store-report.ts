import {
  contentFetched,
  enqueueEvent,
  newId,
  urlReported,
  type Queryable,
  type ServiceContext,
  type UrlReported,
  type WithContentKey,
} from '@hotline/platform';
import { insertContent } from './contents-store';
import { insertPickupCode, newPickupCode } from './pickup-codes';
import { insertReport, insertReportedItem } from './report-store';

/** Where a report came in: the web form or API, or a chat platform (telegram, whatsapp, viber, signal). */
export type ReportSource = UrlReported['source'];

/** A report as its source validated it: addresses already normalised and deduplicated. */
export interface ReportToStore {
  urls: string[];
  description?: string;
}

/** An uploaded image whose type was sniffed from its bytes. */
export interface UploadToStore {
  bytes: Buffer;
  mime: string;
}

export interface StoredReport {
  reportId: string;
  urls: number;
  uploads: number;
  /** With `{ pickupCode: true }`: the one-time code for the status page, shown to the reporter once; only its hash is stored. */
  pickupCode?: string;
}

/**
 * One transaction: the report, its URLs, any uploaded images (encrypted) and the events that start
 * the pipeline. When it commits the report is safe, whether or not the bus is reachable right now.
 * Nothing about the reporter is stored. Every intake (web, chat) stores through here, so a report
 * enters the pipeline the same way whatever its source.
 */
export async function storeReport(
  ctx: ServiceContext<object, WithContentKey>,
  source: ReportSource,
  input: ReportToStore,
  uploads: UploadToStore[],
  language: string | null,
  opts: { pickupCode?: boolean; alongside?: (tx: Queryable, reportId: string) => Promise<void> } = {},
): Promise<StoredReport> {
  const reportId = newId();
  const pickup = opts.pickupCode ? newPickupCode() : undefined;
  const receivedAt = new Date().toISOString();
  await ctx.db.transaction(async (tx) => {
    await insertReport(tx, { id: reportId, source, description: input.description ?? null, language, receivedAt });
    if (pickup) await insertPickupCode(tx, reportId, pickup);
    for (const [position, url] of input.urls.entries()) {
      const itemId = newId();
      await insertReportedItem(tx, { id: itemId, reportId, position, url });
      await enqueueEvent(tx, urlReported, { reportId, itemId, url, source, receivedAt });
    }
    for (const upload of uploads) {
      const contentId = newId();
      const blobKey = `content/${contentId}`;
      await ctx.content.put(tx, blobKey, upload.bytes);
      await insertContent(tx, {
        id: contentId,
        reportId,
        itemId: null,
        origin: 'upload',
        sourceUrl: null,
        blobKey,
        mime: upload.mime,
        byteSize: upload.bytes.length,
      });
      await enqueueEvent(tx, contentFetched, {
        contentId,
        reportId,
        itemId: null,
        origin: 'upload',
        sourceUrl: null,
        blobKey,
        mime: upload.mime,
        byteSize: upload.bytes.length,
      });
    }
    // The caller's own rows (a chat intake's link to its reporter) commit with the report or not at all.
    await opts.alongside?.(tx, reportId);
  });
  ctx.relay.kick();
  ctx.metrics.reportsAccepted.inc({ source });
  const stored = { reportId, urls: input.urls.length, uploads: uploads.length };
  // Counts only: the addresses themselves are reporter-supplied and may be material; nothing about the reporter, never the pick-up code.
  ctx.logger.info({ component: 'reports', ...stored, source }, 'report accepted');
  return pickup ? { ...stored, pickupCode: pickup.code } : stored;
}
