import { enqueueEvent, itemUnresolved, type ContentFetched } from '@hotline/platform';
import { failContent } from '@hotline/reports';
import type { HasherContext } from './config';

/**
 * A content the decoder refuses (image or video) ends `failed` with the reason, which is final, and becomes a `url`
 * review item in the same transaction: it reaches an analyst anyway. Idempotent: a redelivery finds it failed already.
 */
export async function failUndecodable(ctx: HasherContext, ev: ContentFetched, reason: string, reasonClass: string, kind: 'content' | 'video'): Promise<void> {
  const failed = await ctx.db.transaction(async (tx) => {
    if (!(await failContent(tx, ev.contentId, reason))) return false;
    await enqueueEvent(tx, itemUnresolved, {
      subjectId: ev.contentId,
      reportId: ev.reportId,
      itemId: ev.itemId,
      contentId: ev.contentId,
      url: ev.sourceUrl,
      cause: 'undecodable',
      reason: reason.slice(0, 2000),
    });
    return true;
  });
  if (!failed) return;
  ctx.relay.kick();
  ctx.metrics.hashFailures.inc({ reason_class: reasonClass });
  ctx.logger.info({ contentId: ev.contentId, reportId: ev.reportId, reason }, `${kind} failed`);
}
