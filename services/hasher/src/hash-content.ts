import { contentHashed, DecodeError, enqueueEvent, type ContentFetched } from '@hotline/platform';
import { hashImage } from '@hotline/hashing';
import type { HasherContext } from './config';
import { decodeReasonClass } from './reason-class';

/**
 * Decrypts, decodes and hashes one content. Idempotent: only a content still in state `stored` is
 * worked on, and the state change and the outgoing event commit together. An image the decoder
 * refuses ends in state `failed` with the reason, which is final. One info line per outcome, ids
 * and image facts only.
 */
export async function hashContent(ctx: HasherContext, ev: ContentFetched): Promise<void> {
  const current = await ctx.db.query<{ state: string }>('SELECT state FROM contents WHERE id = $1', [ev.contentId]);
  if (current.rows[0]?.state !== 'stored') return;
  const bytes = await ctx.content.get(ctx.db, ev.blobKey);
  let result;
  const endTimer = ctx.metrics.hashDuration.startTimer();
  try {
    result = await hashImage(bytes, { maxInputPixels: ctx.cfg.HASH_MAX_INPUT_PIXELS, mime: ev.mime, decodeTimeoutSeconds: ctx.cfg.HASH_DECODE_TIMEOUT_SECONDS });
  } catch (err) {
    endTimer();
    if (!(err instanceof DecodeError)) throw err;
    const failed = await ctx.db.query(`UPDATE contents SET state = 'failed', reason = $2 WHERE id = $1 AND state = 'stored'`, [ev.contentId, err.message]);
    if (failed.rowCount) ctx.metrics.hashFailures.inc({ reason_class: decodeReasonClass(err.message) });
    if (failed.rowCount) ctx.logger.info({ contentId: ev.contentId, reportId: ev.reportId, reason: err.message }, 'content failed');
    return;
  }
  endTimer();
  const { hashes, width, height, pdqQuality, pdqVariants } = result;
  const won = await ctx.db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE contents SET state = 'hashed', md5 = $2, sha1 = $3, sha256 = $4, blockhash = $5, pdq = $6, pdq_quality = $7,
              width = $8, height = $9, hashed_at = now(), pdq_variants = $10
        WHERE id = $1 AND state = 'stored'`,
      [ev.contentId, hashes.md5, hashes.sha1, hashes.sha256, hashes.blockhash, hashes.pdq, pdqQuality, width, height, JSON.stringify(pdqVariants)],
    );
    // A concurrent redelivery may have won the race; then it also wrote the event.
    if (updated.rowCount === 0) return false;
    await enqueueEvent(tx, contentHashed, { contentId: ev.contentId, reportId: ev.reportId, hashes, pdqQuality, pdqVariants, width, height });
    return true;
  });
  if (!won) return;
  ctx.metrics.contentsHashed.inc();
  ctx.logger.info({ contentId: ev.contentId, reportId: ev.reportId, mime: ev.mime, width, height, pdqQuality, weakPdq: pdqQuality < 50 }, 'content hashed');
  ctx.relay.kick();
}
