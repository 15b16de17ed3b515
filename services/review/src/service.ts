import { removeStaleVideoTemp } from '@hotline/hashing';
import { contentMatched, itemUnresolved, listen, type Listening, type Service } from '@hotline/platform';
import { buildReviewApp } from './app';
import type { ReviewContext } from './config';
import { CLOSE_FINISHED_JOB, closeFinishedReports } from './queue/close-finished';
import { enqueueMatched, enqueueUnresolvedItem } from './queue/enqueue';

export interface ReviewService extends Service {
  url(): string;
}

export function createReviewService(ctx: ReviewContext): ReviewService {
  let http: Listening | undefined;
  // The safety net for reports left open while finished, at the sweeper's pace (once per period across all processes).
  ctx.jobs.recurring(CLOSE_FINISHED_JOB, { everyMs: ctx.cfg.SWEEP_INTERVAL_MS }, async () => void (await closeFinishedReports(ctx)), { maxAttempts: 1 });
  return {
    name: 'review',
    async start() {
      // A frame cut killed mid-run leaves a decrypted video in the temp directory: gone at the next start.
      const stale = await removeStaleVideoTemp((ctx.cfg.REVIEW_FRAME_TIMEOUT_SECONDS + 60) * 1000);
      if (stale > 0) ctx.logger.warn({ removed: stale }, 'removed video temp directories left by an interrupted run');
      await ctx.bus.subscribe(contentMatched, { group: 'review', concurrency: 4 }, async (ev) => {
        const outcome = await enqueueMatched(ctx, ev);
        if (outcome === 'duplicate') return;
        ctx.metrics.reviewQueued.inc({ known: String(ev.matchCount > 0) });
        ctx.logger.info({ contentId: ev.contentId, reportId: ev.reportId, known: ev.matchCount > 0, outcome }, 'content queued for review');
      });
      // A group of its own: kafkajs assigns a group's partitions as if every member subscribed to every topic of the group.
      await ctx.bus.subscribe(itemUnresolved, { group: 'review-unresolved', concurrency: 4 }, async (ev) => {
        if (await enqueueUnresolvedItem(ctx, ev)) {
          ctx.metrics.reviewQueued.inc({ known: 'false' });
          ctx.logger.info({ reportId: ev.reportId, cause: ev.cause }, 'unresolved URL queued for review');
        }
      });
      http = await listen(buildReviewApp(ctx), ctx.cfg.REVIEW_HOST, ctx.cfg.REVIEW_PORT, 'REVIEW_PORT');
      ctx.logger.info({ service: 'review', url: http.url }, 'review API listening');
    },
    async stop() {
      await http?.close();
    },
    url() {
      if (!http) throw new Error('review is not started');
      return http.url;
    },
  };
}
