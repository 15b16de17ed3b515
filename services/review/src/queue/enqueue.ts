import { ConflictError, newId, recordAudit, type ContentMatched, type ItemUnresolved } from '@hotline/platform';
import {
  contentFacts,
  enqueueContent,
  enqueueUnresolved,
  finalDecision,
  listDecisions,
  nearDuplicateDecision,
  reopenItem,
  resolveSource,
  setPrefill,
} from '@hotline/reports';
import { ownSha256Disabled } from '@hotline/hash-lists';
import type { ReviewContext } from '../config';
import { announceDecision, ILLEGAL } from './settle';

/** A near-duplicate by PDQ: the same threshold and quality floor as the matcher's. */
export const PREFILL_MAX_DISTANCE = 31;
export const PREFILL_MIN_QUALITY = 50;

export type Enqueued = 'new' | 'joined' | 'auto_resolved' | 'duplicate';

/**
 * content.matched → the item of its SHA-256. Bytes already decided are resolved at once with that
 * decision (never shown again, audited, announced); a fresh item near a decided one by PDQ carries that
 * decision as a prefill. Idempotent by content id.
 */
export async function enqueueMatched(ctx: ReviewContext, ev: ContentMatched): Promise<Enqueued> {
  const facts = await contentFacts(ctx.db, ev.contentId);
  // The matcher sends content.matched only for hashed content: this is a broken event, parked, not retried.
  if (!facts?.hashes) throw new ConflictError(`Content ${ev.contentId} has no hashes: it cannot be queued for review.`, 'content_not_hashed');
  const hashes = facts.hashes;
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<Enqueued> => {
    const q = await enqueueContent(tx, {
      newItemId: newId(),
      contentId: ev.contentId,
      reportId: ev.reportId,
      reportUrlId: facts.itemId,
      sha256: hashes.sha256,
      matches: ev.matches,
      matchCount: ev.matchCount,
      now,
    });
    if (!q.sourceAdded) return 'duplicate';
    if (q.status === 'decided') {
      const final = finalDecision(await listDecisions(tx, q.itemId));
      if (final && ILLEGAL.has(final.verdict) && (await ownSha256Disabled(tx, hashes.sha256))) {
        // Its own SHA-256 was found a false positive: the illegal verdict no longer stands for new copies; an analyst looks again.
        await reopenItem(tx, q.itemId);
        return 'joined';
      }
      if (final) {
        await resolveSource(tx, ev.contentId, final.id);
        await announceDecision(ctx, tx, q.itemId, final, { reportIds: [ev.reportId], autoResolved: true, sourceId: ev.contentId, now });
        // The audit lock last, as in a decision (item, report, audit log): the same order everywhere, no deadlock.
        await recordAudit(tx, 'review', 'item.auto_resolved', q.itemId, { contentId: ev.contentId, reportId: ev.reportId, decisionId: final.id });
        return 'auto_resolved';
      }
    }
    if (q.itemCreated && hashes.pdq && (facts.pdqQuality ?? 0) >= PREFILL_MIN_QUALITY) {
      const near = await nearDuplicateDecision(tx, hashes.pdq, { maxDistance: PREFILL_MAX_DISTANCE, minQuality: PREFILL_MIN_QUALITY, exceptItem: q.itemId });
      if (near) await setPrefill(tx, q.itemId, near);
    }
    return q.itemCreated ? 'new' : 'joined';
  });
  ctx.relay.kick();
  return outcome;
}

/** item.unresolved → a `url` item with its reason. Idempotent by subject id. */
export async function enqueueUnresolvedItem(ctx: ReviewContext, ev: ItemUnresolved): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) =>
    enqueueUnresolved(tx, {
      newItemId: newId(),
      subjectId: ev.subjectId,
      reportId: ev.reportId,
      reportUrlId: ev.itemId,
      contentId: ev.contentId,
      url: ev.url,
      reason: ev.reason,
      now,
    }),
  );
}
