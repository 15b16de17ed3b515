import { listen, reportClosed, type Listening, type Service } from '@hotline/platform';
import { buildChatIntakeApp } from './app';
import type { ChatIntakeContext } from './config';
import { DEADLINE_JOB, NOTIFY_JOB, PROCESS_JOB } from './job-names';
import { identityDeadline, notifyPayload, notifyReporter, onReportClosed } from './notify';
import { enabledPlatforms } from './platforms/enabled-platforms';
import { processInbox, type ProcessPayload } from './process-inbox';
import { z } from 'zod';

export interface ChatIntakeService extends Service {
  url(): string;
}

export function createChatIntakeService(ctx: ChatIntakeContext): ChatIntakeService {
  const platforms = enabledPlatforms(ctx.cfg);
  let http: Listening | undefined;
  return {
    name: 'chat-intake',
    async start() {
      ctx.jobs.register<ProcessPayload>(PROCESS_JOB, (job, signal) => processInbox(ctx, platforms, job, signal), {
        payload: z.object({ groupKey: z.string().min(1) }),
        retryBaseMs: 30_000,
      });
      ctx.jobs.register(NOTIFY_JOB, (job, signal) => notifyReporter(ctx, platforms, job, signal), { payload: notifyPayload });
      ctx.jobs.register<Record<string, unknown>>(DEADLINE_JOB, (job) => identityDeadline(ctx, job));
      await ctx.bus.subscribe(reportClosed, { group: 'chat-intake', concurrency: 4 }, (ev) => onReportClosed(ctx, ev));
      http = await listen(buildChatIntakeApp(ctx, platforms), ctx.cfg.CHAT_INTAKE_HOST, ctx.cfg.CHAT_INTAKE_PORT, 'CHAT_INTAKE_PORT');
      ctx.logger.info({ service: 'chat-intake', url: http.url, platforms: [...platforms.keys()] }, 'chat intake listening');
    },
    async stop() {
      await http?.close();
    },
    url() {
      if (!http) throw new Error('chat-intake is not started');
      return http.url;
    },
  };
}
