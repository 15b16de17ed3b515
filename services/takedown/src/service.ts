import { contentMatched, reviewDecided, type Service } from '@hotline/platform';
import { loadInhopeMembers, routingRulesFromConfig, TAKEDOWN_JOBS } from '@hotline/takedown';
import { z } from 'zod';
import { onContentMatched } from './auto-action';
import { checkCase } from './check-case';
import type { TakedownContext } from './config';
import type { TakedownDeps } from './deps';
import { endHold } from './hold-ends';
import { onReviewDecided } from './open-cases';
import { sendReferral } from './send-referral';
import { sendDueNotices } from './send-notices';
import { traceCase } from './trace-case';

const caseJob = z.object({ caseId: z.string().uuid() });

/**
 * The actioner: `review.decided` (and, by list policy, `content.matched`) open cases; durable timers trace, route,
 * check and refer; a recurring timer sends the due notices. Every step is idempotent, so a crash anywhere repeats a
 * step rather than losing or doubling one.
 */
export function createTakedownService(ctx: TakedownContext): Service {
  const members = loadInhopeMembers(ctx.cfg.TAKEDOWN_INHOPE_MEMBERS_FILE);
  const deps: TakedownDeps = {
    cfg: ctx.cfg,
    members,
    rules: routingRulesFromConfig(ctx.cfg, members),
    signingKey: ctx.secrets.signingKey,
    window: ctx.cfg.TAKEDOWN_SEND_WINDOW ?? null,
    holidays: ctx.cfg.TAKEDOWN_HOLIDAYS,
  };
  return {
    name: 'takedown',
    async start() {
      ctx.jobs.register<{ caseId: string }>(TAKEDOWN_JOBS.trace, (job) => traceCase(ctx, deps, job.payload.caseId), { payload: caseJob });
      ctx.jobs.register<{ caseId: string; n: number }>(TAKEDOWN_JOBS.check, (job, signal) => checkCase(ctx, deps, job.payload.caseId, job.payload.n, signal), {
        payload: caseJob.extend({ n: z.number().int().positive() }),
      });
      ctx.jobs.register<{ referralId: string }>(
        TAKEDOWN_JOBS.referral,
        (job, signal) => sendReferral(ctx, deps, job.payload.referralId, { n: job.attempt, max: job.maxAttempts }, signal),
        {
          payload: z.object({ referralId: z.string().uuid() }),
          retryBaseMs: 60_000,
        },
      );
      ctx.jobs.register<{ caseId: string }>(TAKEDOWN_JOBS.holdEnds, (job) => endHold(ctx, job.payload.caseId), { payload: caseJob });
      ctx.jobs.recurring(TAKEDOWN_JOBS.sendNotices, { everyMs: ctx.cfg.TAKEDOWN_NOTICE_EVERY_SECONDS * 1000 }, (_job, signal) =>
        sendDueNotices(ctx, deps, signal),
      );
      await ctx.bus.subscribe(reviewDecided, { group: 'takedown', concurrency: 4 }, (ev) => onReviewDecided(ctx, ev));
      await ctx.bus.subscribe(contentMatched, { group: 'takedown-auto', concurrency: 4 }, (ev) => onContentMatched(ctx, ev));
      ctx.logger.info(
        { service: 'takedown', homeCountry: ctx.cfg.TAKEDOWN_HOME_COUNTRY, members: members.length, window: ctx.cfg.TAKEDOWN_SEND_WINDOW ?? null },
        'takedown started',
      );
    },
    async stop() {},
  };
}
