import { finishedOpenReports, lockReports } from '@hotline/reports';
import type { ReviewContext } from '../config';
import { closeIfDone } from './settle';

/** The safety net's recurring job (the `jobs` table). */
export const CLOSE_FINISHED_JOB = 'close-finished-reports';
const BATCH = 200;

/**
 * Closes reports whose every item is decided but that were never closed — a decision that committed
 * before the report lock existed, or a path that forgot to close — with report.closed through the
 * outbox. Each report in its own transaction, under its row lock, so it cannot close twice with a
 * decision running at the same time. Returns how many were closed.
 */
export async function closeFinishedReports(ctx: ReviewContext): Promise<number> {
  let closed = 0;
  for (const reportId of await finishedOpenReports(ctx.db, BATCH)) {
    const done = await ctx.db.transaction(async (tx) => {
      await lockReports(tx, [reportId]);
      return closeIfDone(tx, reportId, ctx.clock.now());
    });
    if (done) closed++;
  }
  if (closed > 0) {
    ctx.logger.warn({ count: closed }, 'closed finished reports that had been left open');
    ctx.relay.kick();
  }
  return closed;
}
