import { randomUUID } from 'node:crypto';
import { scheduleJob, type Classification, type Queryable, type ReviewDecided } from '@hotline/platform';
import { findReport } from '@hotline/reports';
import {
  addCaseItem,
  addEvent,
  cancelPendingNotices,
  deactivateItem,
  openCase,
  setCaseState,
  TAKEDOWN_JOBS,
  type CaseItemInput,
  type CaseOrigin,
} from '@hotline/takedown';
import type { TakedownContext } from './config';

const ILLEGAL = new Set<Classification['verdict']>(['baseline', 'national']);

/**
 * `review.decided`: an illegal verdict opens (or joins) a case for every URL the item was seen at; a revision to a
 * verdict that is not illegal withdraws the item, and a case left with nothing to take down is cancelled.
 * Idempotent: a case per URL (unique while open), an item per case, a trace job per case.
 */
export async function onReviewDecided(ctx: TakedownContext, ev: ReviewDecided): Promise<void> {
  const now = ctx.clock.now();
  if (!ILLEGAL.has(ev.classification.verdict)) {
    await ctx.db.transaction(async (tx) => {
      for (const caseId of [...new Set(await deactivateItem(tx, ev.itemId, ev.hashes?.sha256 ?? null))]) {
        await cancelPendingNotices(tx, caseId);
        await setCaseState(tx, caseId, 'cancelled', `decision ${ev.decisionId} revised the item to ${ev.classification.verdict}`, now);
        await addEvent(tx, caseId, 'cancelled', { decisionId: ev.decisionId, verdict: ev.classification.verdict }, now);
      }
    });
    return;
  }
  const firstReportedAt = await earliestReport(ctx, ev.reportIds, new Date(ev.decidedAt));
  const item: CaseItemInput = {
    itemId: ev.itemId,
    decisionId: ev.decisionId,
    sha256: ev.hashes?.sha256 ?? null,
    md5: ev.hashes?.md5 ?? null,
    sha1: ev.hashes?.sha1 ?? null,
    pdq: ev.hashes?.pdq ?? null,
  };
  await ctx.db.transaction(async (tx) => {
    for (const url of ev.urls) {
      await openCaseFor(tx, {
        url,
        origin: 'decision',
        classification: ev.classification,
        reportId: ev.reportIds[0] ?? null,
        contentId: ev.sourceId ?? null,
        firstReportedAt,
        confirmedAt: new Date(ev.decidedAt),
        now,
        item,
        event: { decisionId: ev.decisionId, autoResolved: ev.autoResolved, verdict: ev.classification.verdict },
      });
    }
  });
}

export interface CaseOpening {
  url: string;
  origin: CaseOrigin;
  classification: Classification;
  reportId: string | null;
  contentId: string | null;
  firstReportedAt: Date;
  confirmedAt: Date;
  now: Date;
  item: CaseItemInput;
  event: Record<string, unknown>;
}

/** Opens or joins the URL's case, adds the item and, for a new case, its first trace — all in the caller's transaction. */
export async function openCaseFor(tx: Queryable, o: CaseOpening): Promise<{ caseId: string; added: boolean }> {
  const { case: c, created } = await openCase(tx, { id: randomUUID(), ...o });
  const added = await addCaseItem(tx, c.id, o.item);
  if (created) await scheduleJob(tx, { name: TAKEDOWN_JOBS.trace, key: `${c.id}:trace:0`, runAt: o.now, payload: { caseId: c.id } });
  if (added) await addEvent(tx, c.id, created ? 'opened' : 'confirmed_again', { origin: o.origin, itemId: o.item.itemId, ...o.event }, o.now);
  return { caseId: c.id, added };
}

async function earliestReport(ctx: TakedownContext, reportIds: string[], fallback: Date): Promise<Date> {
  let earliest = fallback;
  for (const id of reportIds.slice(0, 50)) {
    const r = await findReport(ctx.db, id);
    if (r && new Date(r.receivedAt) < earliest) earliest = new Date(r.receivedAt);
  }
  return earliest;
}
