import { contentMatched, enqueueEvent, type Db, type Match, type Queryable } from '@hotline/platform';
import { insertMatchRun, insertMatches } from './match-store';

/**
 * Commits one content's match run: its `match_runs` row (the idempotency key), the `matches` rows of `rows` (the
 * list-entry matches), whatever `alongside` writes, and content.matched with the best `maxPerEvent` of `all` and
 * their count, in one transaction. False when a redelivery finds the run recorded already (it then wrote the event).
 */
export async function recordMatchRun(
  db: Db,
  ev: { contentId: string; reportId: string },
  all: Match[],
  rows: Match[],
  maxPerEvent: number,
  alongside?: (tx: Queryable) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await insertMatchRun(tx, ev.contentId, all.length))) return false;
    await insertMatches(tx, ev.contentId, rows);
    await alongside?.(tx);
    await enqueueEvent(tx, contentMatched, { contentId: ev.contentId, reportId: ev.reportId, matches: all.slice(0, maxPerEvent), matchCount: all.length });
    return true;
  });
}
