import { scheduleJob, type Job, type ReportClosed } from '@hotline/platform';
import { destroyIdentity, readIdentity } from '@hotline/identity-vault';
import { z } from 'zod';
import { findChatReport, markFeedbackGiven } from './chat-store';
import type { ChatIntakeContext } from './config';
import { ChatSendError } from './errors';
import { NOTIFY_JOB } from './job-names';
import { acknowledgement, feedback, replyLanguage } from './messages';
import type { ChatPlatform } from './platforms/chat-platform';

export const notifyPayload = z.object({
  kind: z.enum(['ack', 'feedback']),
  reportId: z.string().uuid(),
  identityId: z.string().uuid(),
  attempt: z.number().int().positive(),
  outcome: z.object({ baseline: z.number().int(), national: z.number().int(), not_illegal: z.number().int(), not_reachable: z.number().int() }).optional(),
});
export type NotifyPayload = z.infer<typeof notifyPayload>;

/** report.closed: schedule the feedback of a chat report (idempotent by the job's key). */
export async function onReportClosed(ctx: ChatIntakeContext, ev: ReportClosed): Promise<void> {
  const link = await findChatReport(ctx.db, ev.reportId);
  if (!link) return;
  await scheduleJob(ctx.db, {
    name: NOTIFY_JOB,
    key: `feedback:${ev.reportId}:1`,
    runAt: ctx.clock.now(),
    payload: { kind: 'feedback', reportId: ev.reportId, identityId: link.identityId, attempt: 1, outcome: ev.outcome },
  });
  ctx.jobs.kick();
}

/**
 * Sends an acknowledgement or the feedback to the reporter, opening the identity only for the call. After the
 * feedback is delivered the identity is destroyed. A platform that does not deliver (blocked, 403, 429, 5xx)
 * gets another attempt as a new job, after its retry_after or a back-off, up to CHAT_NOTIFY_MAX_ATTEMPTS;
 * feedback that never gets through destroys the identity then (the deadline would anyway).
 */
export async function notifyReporter(
  ctx: ChatIntakeContext,
  platforms: Map<string, ChatPlatform>,
  job: Job<NotifyPayload>,
  signal: AbortSignal,
): Promise<void> {
  const p = job.payload;
  const identity = await readIdentity(ctx.db, ctx.secrets, p.identityId);
  if (!identity) return;
  const lang = replyLanguage(identity.language);
  const text = p.kind === 'ack' ? acknowledgement(lang) : feedback(lang, p.outcome ?? { baseline: 0, national: 0, not_illegal: 0, not_reachable: 0 });
  const log = { component: 'chat-intake', platform: identity.platform, kind: p.kind, reportId: p.reportId, attempt: p.attempt };
  try {
    const platform = platforms.get(identity.platform);
    if (!platform) throw new ChatSendError(identity.platform, 0);
    await platform.send(identity.chatId, text, signal);
  } catch (err) {
    if (!(err instanceof ChatSendError)) throw err;
    const now = ctx.clock.nowMs();
    if (p.attempt < ctx.cfg.CHAT_NOTIFY_MAX_ATTEMPTS) {
      const waitMs = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : ctx.cfg.CHAT_NOTIFY_RETRY_BASE_MS * 2 ** (p.attempt - 1);
      await scheduleJob(ctx.db, {
        name: NOTIFY_JOB,
        key: `${p.kind}:${p.reportId}:${p.attempt + 1}`,
        runAt: new Date(now + waitMs),
        payload: { ...p, attempt: p.attempt + 1 },
      });
      ctx.logger.warn({ ...log, status: err.httpStatus, retryInMs: waitMs }, 'reporter message not delivered; will try again');
    } else {
      if (p.kind === 'feedback') await destroyIdentity(ctx.db, p.identityId, 'feedback_undelivered', new Date(now));
      ctx.logger.warn({ ...log, status: err.httpStatus }, 'reporter message not delivered; giving up');
    }
    return;
  }
  if (p.kind === 'feedback') {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await destroyIdentity(tx, p.identityId, 'feedback_delivered', now);
      await markFeedbackGiven(tx, p.reportId, now);
    });
  }
  ctx.logger.info(log, p.kind === 'ack' ? 'reporter acknowledged' : 'feedback given; identity destroyed');
}

/** IDENTITY_MAX_HOURS after receipt: gone, whatever happened to the feedback. */
export async function identityDeadline(ctx: ChatIntakeContext, job: Job<Record<string, unknown>>): Promise<void> {
  if (await destroyIdentity(ctx.db, job.key, 'deadline', ctx.clock.now()))
    ctx.logger.info({ component: 'chat-intake', identityId: job.key }, 'identity destroyed at its deadline');
}
