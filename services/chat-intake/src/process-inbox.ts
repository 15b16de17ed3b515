import { ConflictError, describeError, scheduleJob, type Job } from '@hotline/platform';
import { identifyFormat, sniffVideo } from '@hotline/hashing';
import { destroyIdentity } from '@hotline/identity-vault';
import { storeReport, type UploadToStore } from '@hotline/reports';
import { insertChatReport, listInbox, takeInbox } from './chat-store';
import type { ChatIntakeContext } from './config';
import { MediaRefusedError } from './errors';
import { NOTIFY_JOB } from './job-names';
import type { ChatPlatform } from './platforms/chat-platform';
import { MAX_URLS } from './urls';

export interface ProcessPayload {
  groupKey: string;
}

/**
 * Makes one report of the stored messages of a group (one message, or a media group gathered for
 * CHAT_MEDIA_GROUP_WINDOW_MS): downloads each image or video (size-capped), keeps what sniffs as a supported image or video,
 * and stores it through storeReport, so it enters the pipeline as a web upload does. Platform trouble that
 * may pass (timeouts, 5xx) throws and the job runs again; media that will never come are dropped.
 * In the report's transaction: the inbox rows are taken, the report is linked to one identity (the group's
 * other copies are destroyed) and the acknowledgement is scheduled. Idempotent: a second run finds the inbox empty.
 */
export async function processInbox(ctx: ChatIntakeContext, platforms: Map<string, ChatPlatform>, job: Job<ProcessPayload>, signal: AbortSignal): Promise<void> {
  const rows = await listInbox(ctx.db, job.payload.groupKey);
  const first = rows[0];
  if (!first) return;
  const platform = platforms.get(first.platform);
  const uploads: UploadToStore[] = [];
  const dropped: string[] = [];
  for (const ref of rows.flatMap((r) => r.payload.mediaRefs)) {
    if (!platform) {
      dropped.push('platform_disabled');
      continue;
    }
    try {
      const bytes = await platform.download(ref, signal);
      const format = identifyFormat(bytes);
      const video = format?.supported ? null : sniffVideo(bytes);
      if (format?.supported) uploads.push({ bytes, mime: format.format.mime });
      else if (video) uploads.push({ bytes, mime: video.mime });
      else dropped.push(format ? `unsupported:${format.label}` : 'not_an_image');
    } catch (err) {
      if (!(err instanceof MediaRefusedError)) throw err;
      dropped.push(err.code);
      ctx.logger.warn({ component: 'chat-intake', platform: first.platform, reason: describeError(err) }, 'forwarded media dropped');
    }
  }
  const urls = [...new Set(rows.flatMap((r) => r.payload.urls))].slice(0, MAX_URLS);
  const ids = rows.map((r) => r.id);
  const now = ctx.clock.now();
  const take = async (tx: Parameters<typeof takeInbox>[0]) => {
    if ((await takeInbox(tx, ids)) !== ids.length) throw new ConflictError('another run took these chat messages', 'chat_inbox_taken');
    for (const other of rows.slice(1)) await destroyIdentity(tx, other.identityId, 'merged', now);
  };
  if (uploads.length === 0 && urls.length === 0) {
    // Nothing a reviewer could look at: the identity has no reason to stay.
    await ctx.db.transaction(async (tx) => {
      await take(tx);
      await destroyIdentity(tx, first.identityId, 'nothing_reportable', now);
    });
    ctx.logger.info({ component: 'chat-intake', platform: first.platform, messages: rows.length, dropped }, 'chat messages held nothing reportable');
    return;
  }
  const stored = await storeReport(ctx, first.platform, { urls }, uploads, null, {
    alongside: async (tx, reportId) => {
      await take(tx);
      await insertChatReport(tx, { reportId, platform: first.platform, identityId: first.identityId });
      await scheduleJob(tx, {
        name: NOTIFY_JOB,
        key: `ack:${reportId}:1`,
        runAt: now,
        payload: { kind: 'ack', reportId, identityId: first.identityId, attempt: 1 },
      });
    },
  });
  ctx.jobs.kick();
  ctx.logger.info({ component: 'chat-intake', platform: first.platform, reportId: stored.reportId, messages: rows.length, dropped }, 'chat report stored');
}
