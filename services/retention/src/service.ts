import type { Service } from '@hotline/platform';
import { retentionRules, runRetention } from '@hotline/retention-rules';
import type { RetentionContext } from './config';

export const RETENTION_JOB = 'retention.daily';

/**
 * The daily scan, one occurrence per UTC day across all processes (a recurring durable timer): a day
 * missed while nothing ran is scanned once, late. A run is idempotent, so a retried or repeated
 * occurrence changes nothing twice.
 */
export function createRetentionService(ctx: RetentionContext): Service {
  return {
    name: 'retention',
    async start() {
      const rules = retentionRules(ctx.cfg);
      ctx.jobs.recurring(RETENTION_JOB, { dailyAt: ctx.cfg.RETENTION_DAILY_AT }, async () => {
        const run = await runRetention(ctx.db, rules, { clock: ctx.clock, trigger: 'schedule', actor: 'retention', batchSize: ctx.cfg.RETENTION_BATCH_SIZE });
        ctx.logger.info({ service: 'retention', runId: run.runId, counts: run.counts }, 'retention run done');
      });
    },
    async stop() {},
  };
}
