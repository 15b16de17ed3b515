import { recordAudit, type Classification, type ContentMatched } from '@hotline/platform';
import { autoNoticeLists } from '@hotline/hash-lists';
import { contentFacts, contentSource, findReport } from '@hotline/reports';
import type { TakedownContext } from './config';
import { openCaseFor } from './open-cases';

/**
 * Arachnid's automatic action: an exact SHA-256 match to a list whose policy allows it opens a case without waiting for
 * an analyst (the item still reaches the review queue). Off unless an operator turned the list's policy on; audited.
 */
export async function onContentMatched(ctx: TakedownContext, ev: ContentMatched): Promise<void> {
  const exact = ev.matches.filter((m) => m.hashType === 'sha256' && m.distance === 0);
  if (exact.length === 0) return;
  const lists = await autoNoticeLists(ctx.db);
  const acting = exact.find((m) => lists.has(m.listName));
  if (!acting) return;
  const [source, facts, report] = await Promise.all([contentSource(ctx.db, ev.contentId), contentFacts(ctx.db, ev.contentId), findReport(ctx.db, ev.reportId)]);
  if (!source?.sourceUrl || !facts?.hashes) return; // an upload has no URL to take down
  const now = ctx.clock.now();
  const hashes = facts.hashes;
  await ctx.db.transaction(async (tx) => {
    const opened = await openCaseFor(tx, {
      url: source.sourceUrl!,
      origin: 'auto_list',
      classification: classificationOf(acting.category),
      reportId: ev.reportId,
      contentId: ev.contentId,
      firstReportedAt: report ? new Date(report.receivedAt) : now,
      confirmedAt: now,
      now,
      // Keyed by the content: an analyst's later decision on the item joins the same case as a second item.
      item: { itemId: ev.contentId, decisionId: null, sha256: hashes.sha256, md5: hashes.md5, sha1: hashes.sha1, pdq: hashes.pdq },
      event: { listName: acting.listName, knownHashId: acting.knownHashId },
    });
    if (opened.added)
      await recordAudit(tx, 'takedown', 'takedown.auto_action', opened.caseId, {
        listName: acting.listName,
        knownHashId: acting.knownHashId,
        contentId: ev.contentId,
      });
  });
}

/** A list's category in the industry scheme (A1…B2), else the baseline verdict the list vouches for. */
function classificationOf(category: string | null): Classification {
  const c = category?.toUpperCase();
  if (c === 'A1' || c === 'A2') return { verdict: 'baseline', industry: c };
  if (c === 'B1' || c === 'B2') return { verdict: 'national', industry: c };
  return { verdict: 'baseline' };
}
