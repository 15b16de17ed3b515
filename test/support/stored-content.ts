import { randomUUID } from 'node:crypto';
import type { ContentFetched } from '@hotline/platform';
import type { RunningPipeline } from './pipeline';

/**
 * A content row in state `stored` with its sealed bytes, as intake or the fetcher leave it, and the content.fetched
 * event that would announce it: for tests that hand it to the hasher directly.
 */
export async function storeContent(pipeline: RunningPipeline, bytes: Buffer, mime: string): Promise<ContentFetched> {
  const reportId = randomUUID();
  const contentId = randomUUID();
  const blobKey = `content/${contentId}`;
  const db = pipeline.ctx.db;
  await db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
  await pipeline.ctx.content.put(db, blobKey, bytes);
  await db.query(`INSERT INTO contents (id, report_id, origin, blob_key, mime, byte_size) VALUES ($1, $2, 'upload', $3, $4, $5)`, [
    contentId,
    reportId,
    blobKey,
    mime,
    bytes.length,
  ]);
  return { contentId, reportId, itemId: null, origin: 'upload', sourceUrl: null, blobKey, mime, byteSize: bytes.length };
}

/** A content's state and the reason it failed, if it did. */
export async function contentRow(pipeline: RunningPipeline, id: string): Promise<{ state: string; reason: string | null }> {
  return (await pipeline.ctx.db.query<{ state: string; reason: string | null }>('SELECT state, reason FROM contents WHERE id = $1', [id])).rows[0]!;
}
