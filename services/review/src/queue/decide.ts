import { ConflictError, ForbiddenError, NotFoundError, recordAudit, type Classification } from '@hotline/platform';
import {
  findQueueItem,
  insertDecision,
  listDecisions,
  lockItem,
  openItemsOfReport,
  readSettings,
  setItemStatus,
  type DecisionInput,
  type DecisionRow,
  type DecisionStage,
  type QueueItem,
  type ReviewStatus,
} from '@hotline/reports';
import type { ReviewContext } from '../config';
import { feedOwnLists, ILLEGAL, settleDecided } from './settle';

export interface Decider {
  userId: string;
  /** Seniors (and admins) resolve disputes. */
  senior: boolean;
}

export interface Decided {
  decision: DecisionRow;
  item: QueueItem;
}

const FIELDS: Array<keyof DecisionInput> = ['verdict', 'iwfCategory', 'industry', 'ageGroup', 'contentType', 'siteType', 'note'];
const sameDecision = (a: DecisionInput, b: DecisionInput) => FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));

/**
 * Records one analyst's decision on one item, exactly once: the item row is locked, so concurrent
 * submissions take turns and the later one finds the earlier. Repeating one's own decision answers the
 * same; another one afterwards is 409 `already_decided`. The decider must hold the item's lease unless
 * `bulkReportId` says it is a decision for a whole report; that one takes only pending items nobody
 * else holds (409 `needs_own_review`, `leased_by_other`). With four-eyes, an illegal first verdict waits
 * for a second analyst; agreement decides it, disagreement makes it `disputed` for a senior.
 */
export async function decideItem(ctx: ReviewContext, itemId: string, who: Decider, input: DecisionInput, bulkReportId: string | null = null): Promise<Decided> {
  const decision = await ctx.db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('No review item with that id.');
    const now = ctx.clock.now();
    const earlier = await listDecisions(tx, itemId);
    // A reopened item (pending with decisions: its bytes were found a false positive) is judged afresh.
    const reopened = item.status === 'pending' && earlier.length > 0;
    const mine = reopened ? undefined : earlier.filter((d) => d.decidedBy === who.userId).at(-1);
    if (mine) {
      if (sameDecision(mine, input)) return mine;
      throw new ConflictError('You already decided this item differently.', 'already_decided', { verdict: mine.verdict, stage: mine.stage });
    }
    if (item.status === 'decided') throw new ConflictError('This item is already decided.', 'already_decided', { status: item.status });
    const leasedToMe = item.claimedBy === who.userId && item.leaseUntil !== null && item.leaseUntil > now;
    if (bulkReportId) {
      // A bulk decision judges what nobody else is looking at, and never stands in as someone's second eyes.
      if (item.status !== 'pending') {
        throw new ConflictError('This item waits for a second analyst or a senior; open it from the queue.', 'needs_own_review', { status: item.status });
      }
      if (!leasedToMe && item.leaseUntil !== null && item.leaseUntil > now) {
        throw new ConflictError('Another analyst holds this item.', 'leased_by_other');
      }
    } else if (!leasedToMe) {
      throw new ConflictError('Your claim on this item ran out; claim it again from the queue.', 'lease_lost');
    }
    const settings = await readSettings(tx);
    const { stage, next } = nextStep(item.status, input.verdict, earlier, settings.fourEyes);
    if (stage === 'senior' && !who.senior) throw new ForbiddenError('A disputed item is resolved by a senior analyst.');
    const row = await insertDecision(tx, { ...input, itemId, stage, decidedBy: who.userId, bulkReportId, at: now });
    await setItemStatus(tx, itemId, next, now);
    if (next === 'decided') await settleDecided(ctx, tx, item, row, now);
    // The audit row (and the own lists after it) last: both take table locks held until commit.
    await recordAudit(tx, who.userId, 'item.decided', itemId, {
      decisionId: row.id,
      stage,
      verdict: input.verdict,
      classification: classificationOf(input),
      status: next,
      ...(bulkReportId ? { bulkReportId } : {}),
    });
    if (next === 'decided') await feedOwnLists(tx, item, row, who.userId);
    return row;
  });
  ctx.relay.kick();
  const item = await findQueueItem(ctx.db, itemId);
  return { decision, item: item! };
}

function nextStep(
  status: ReviewStatus,
  verdict: Classification['verdict'],
  earlier: DecisionRow[],
  fourEyes: boolean,
): { stage: DecisionStage; next: ReviewStatus } {
  if (status === 'pending' && earlier.length > 0) return { stage: 'revision', next: 'decided' };
  if (status === 'pending') return { stage: 'first', next: fourEyes && ILLEGAL.has(verdict) ? 'awaiting_second' : 'decided' };
  if (status === 'awaiting_second') {
    const first = earlier.find((d) => d.stage === 'first');
    return { stage: 'second', next: first?.verdict === verdict ? 'decided' : 'disputed' };
  }
  return { stage: 'senior', next: 'decided' };
}

export function classificationOf(d: DecisionInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS) if (f !== 'note' && f !== 'verdict' && d[f]) out[f] = d[f];
  return out;
}

export interface BulkResult {
  decided: Array<{ itemId: string; status: ReviewStatus }>;
  skipped: Array<{ itemId: string; code: string; message: string }>;
}

/** One decision for every open item of a report (each in its own transaction); items this analyst may not decide are listed as skipped. */
export async function decideReport(ctx: ReviewContext, reportId: string, who: Decider, input: DecisionInput): Promise<BulkResult> {
  const out: BulkResult = { decided: [], skipped: [] };
  for (const itemId of await openItemsOfReport(ctx.db, reportId)) {
    try {
      const r = await decideItem(ctx, itemId, who, input, reportId);
      out.decided.push({ itemId, status: r.item.status });
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof ForbiddenError)) throw err;
      out.skipped.push({ itemId, code: err.code, message: err.message });
    }
  }
  return out;
}
