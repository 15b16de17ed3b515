import { randomBytes, randomUUID } from 'node:crypto';
import { createContext, ManualClock, type Db, type Match } from '@hotline/platform';
import { insertContent, insertReport, insertReportedItem, recordHashes } from '@hotline/reports';
import { enqueueMatched, type ReviewContext } from '@hotline/review';
import { inProcessTestBus, LogCapture, testSettings } from './pipeline';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A review context on the given database with a ManualClock; nothing is started (no HTTP, no consumers). */
export async function reviewTestContext(db: Db, clock = new ManualClock('2026-11-30T09:00:00Z')): Promise<{ ctx: ReviewContext; clock: ManualClock }> {
  const logs = new LogCapture();
  const ctx = (await createContext(testSettings(), { db, bus: inProcessTestBus(logs.logger), logger: logs.logger, clock })) as unknown as ReviewContext;
  return { ctx, clock };
}

export interface SeededContent {
  reportId: string;
  urlId: string;
  contentId: string;
  sha256: string;
  pdq: string;
}

/**
 * A report with one reported URL whose image was fetched and hashed (hashes made up, no bytes
 * decoded), then handed to review as content.matched would. Same `sha256` → the same item.
 */
export async function seedContent(
  ctx: ReviewContext,
  opts: { reportId?: string; sha256?: string; pdq?: string; pdqQuality?: number; matches?: Match[]; blob?: Buffer } = {},
): Promise<SeededContent & { outcome: string }> {
  const reportId = opts.reportId ?? randomUUID();
  const urlId = randomUUID();
  const contentId = randomUUID();
  const sha256 = opts.sha256 ?? hex(32);
  const pdq = opts.pdq ?? hex(32);
  await ctx.db.transaction(async (tx) => {
    if (!opts.reportId)
      await insertReport(tx, { id: reportId, source: 'web', description: 'seeded', language: 'en', receivedAt: ctx.clock.now().toISOString() });
    await insertReportedItem(tx, { id: urlId, reportId, position: 0, url: `https://img.example/${contentId}.png` });
    await tx.query(`UPDATE report_urls SET state = 'fetched' WHERE id = $1`, [urlId]);
    const blobKey = `content/${contentId}`;
    if (opts.blob) await ctx.content.put(tx, blobKey, opts.blob);
    await insertContent(tx, {
      id: contentId,
      reportId,
      itemId: urlId,
      origin: 'url',
      sourceUrl: `https://img.example/${contentId}.png`,
      blobKey,
      mime: 'image/png',
      byteSize: opts.blob?.length ?? 100,
    });
    await recordHashes(tx, contentId, {
      hashes: { md5: hex(16), sha1: hex(20), sha256, blockhash: hex(32), pdq },
      pdqQuality: opts.pdqQuality ?? 90,
      pdqVariants: [],
      width: 64,
      height: 48,
    });
  });
  const matches = opts.matches ?? [];
  const outcome = await enqueueMatched(ctx, { contentId, reportId, matches, matchCount: matches.length });
  return { reportId, urlId, contentId, sha256, pdq, outcome };
}

export async function outboxEvents(db: Db, topic: string): Promise<Array<Record<string, any>>> {
  const r = await db.query<{ envelope: Record<string, any> | string }>('SELECT envelope FROM outbox WHERE topic = $1 ORDER BY id', [topic]);
  return r.rows.map((x) => (typeof x.envelope === 'string' ? JSON.parse(x.envelope) : x.envelope).data);
}
