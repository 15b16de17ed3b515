import { systemClock } from '@hotline/platform';
import { planRetention, retentionRules, runRetention } from '@hotline/retention-rules';
import type { Command } from './command';

/** `retention [--dry-run] [--json]`: the retention service's rules, now; the dry run lists, the run applies. */
export const retentionCommand: Command = {
  name: 'retention',
  args: [],
  synopsis: 'retention [--dry-run] [--json]',
  description: `Apply the retention rules now (the retention service does so daily at RETENTION_DAILY_AT), with the
same RETENTION_* limits: prints the rows changed per rule; the run is recorded in retention_runs and
audited, counts only. --dry-run changes nothing and lists, per rule, the ids of exactly the rows the
run would change and what would happen to them.`,
  usesDatabase: true,
  async run({ cfg, io, options, db }) {
    const rules = retentionRules(cfg);
    if (options['dry-run']) {
      const plan = await planRetention(await db(), rules, systemClock.now());
      if (options.json) return io.out(JSON.stringify(plan, null, 2));
      for (const p of plan) {
        io.out(`${p.rule}: ${p.ids.length} row(s) — ${p.action}`);
        for (const id of p.ids) io.out(`  ${id}`);
      }
      return;
    }
    const run = await runRetention(await db(), rules, { clock: systemClock, trigger: 'cli', actor: 'cli', batchSize: cfg.RETENTION_BATCH_SIZE });
    if (options.json) return io.out(JSON.stringify(run));
    io.out(
      `retention run ${run.runId}: ${Object.entries(run.counts)
        .map(([rule, n]) => `${rule} ${n}`)
        .join(', ')}`,
    );
  },
};
