import { enqueueEvent, recordAudit, reportClosed, REVIEW_DECIDED_MAX_URLS, reviewDecided, type Queryable } from '@hotline/platform';
import { addOwnHashes, type OwnHash } from '@hotline/hash-lists';
import { closeReportIfDone, contentFacts, itemHead, itemReportIds, itemUrls, lockReports, type DecisionRow, type LockedItem } from '@hotline/reports';
import type { ReviewContext } from '../config';

export const ILLEGAL = new Set(['baseline', 'national']);

/**
 * What follows a final decision, in its transaction: `review.decided` is published and every report of
 * the item that is now finished is closed with `report.closed`.
 */
export async function settleDecided(ctx: ReviewContext, tx: Queryable, item: LockedItem, final: DecisionRow, now: Date): Promise<void> {
  await announceDecision(ctx, tx, item.id, final, { reportIds: await itemReportIds(tx, item.id), autoResolved: false, now });
}

/**
 * An illegal content's SHA-256, PDQ and blockhash join the hotline's own lists, so the next copy anywhere
 * matches as known material. Call it last in the decision's transaction, after its audit row: it takes
 * the audit lock, then the hash_changes lock (always in that order, never the other way), both held
 * until commit — the shorter the rest of the transaction after them, the less decisions wait.
 */
export async function feedOwnLists(tx: Queryable, item: LockedItem, final: DecisionRow, actor: string): Promise<void> {
  if (item.kind !== 'content' || !item.contentId || !ILLEGAL.has(final.verdict)) return;
  const facts = await contentFacts(tx, item.contentId);
  const h = facts?.hashes;
  if (!h) return;
  const category = final.iwfCategory ?? final.industry ?? null;
  const note = `decision ${final.id}`;
  const own: OwnHash[] = [{ type: 'sha256', hash: h.sha256, category, note, quality: null }];
  if (h.pdq) own.push({ type: 'pdq', hash: h.pdq, category, note, quality: facts.pdqQuality });
  if (h.blockhash) own.push({ type: 'blockhash', hash: h.blockhash, category, note, quality: null });
  await recordAudit(tx, actor, 'hashes.added', item.id, { decisionId: final.id, types: own.map((o) => o.type), category });
  await addOwnHashes(tx, own);
}

/** review.decided for these reports of the item, then report.closed for each that is finished. */
export async function announceDecision(
  ctx: ReviewContext,
  tx: Queryable,
  itemId: string,
  final: DecisionRow,
  o: { reportIds: string[]; autoResolved: boolean; sourceId?: string; now: Date },
): Promise<void> {
  // Lock order: the item (the caller holds it), then these reports, then the audit log, then hash_changes.
  await lockReports(tx, o.reportIds);
  const { kind, contentId } = await itemHead(tx, itemId);
  const facts = contentId ? await contentFacts(tx, contentId) : null;
  const h = facts?.hashes;
  await enqueueEvent(tx, reviewDecided, {
    itemId,
    decisionId: final.id,
    ...(o.sourceId ? { sourceId: o.sourceId } : {}),
    kind,
    reportIds: o.reportIds,
    classification: {
      verdict: final.verdict,
      ...(final.iwfCategory ? { iwfCategory: final.iwfCategory } : {}),
      ...(final.industry ? { industry: final.industry } : {}),
      ...(final.ageGroup ? { ageGroup: final.ageGroup } : {}),
      ...(final.contentType ? { contentType: final.contentType } : {}),
      ...(final.siteType ? { siteType: final.siteType } : {}),
    },
    autoResolved: o.autoResolved,
    hashes: h ? { sha256: h.sha256, md5: h.md5, sha1: h.sha1, pdq: h.pdq, blockhash: h.blockhash } : null,
    urls: (await itemUrls(tx, itemId, REVIEW_DECIDED_MAX_URLS)).map((u) => u.slice(0, 4096)),
    decidedAt: o.now.toISOString(),
  });
  for (const reportId of o.reportIds) await closeIfDone(tx, reportId, o.now);
}

/** Closes a finished report and announces it; the caller holds the report's row lock. */
export async function closeIfDone(tx: Queryable, reportId: string, now: Date): Promise<boolean> {
  const closed = await closeReportIfDone(tx, reportId, now);
  if (closed) await enqueueEvent(tx, reportClosed, { reportId, closedAt: closed.closedAt, outcome: closed.outcome });
  return closed !== null;
}
