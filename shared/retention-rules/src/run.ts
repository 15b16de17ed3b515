import { recordAudit, type Clock, type Db, type Queryable } from '@hotline/platform';
import type { RetentionRule } from './rule';

export interface PlannedRule {
  rule: string;
  action: string;
  ids: string[];
}

/** The dry run: what each rule would change at `now`, changing nothing. */
export async function planRetention(db: Queryable, rules: RetentionRule[], now: Date): Promise<PlannedRule[]> {
  const plan: PlannedRule[] = [];
  for (const rule of rules) plan.push({ rule: rule.name, action: rule.action, ids: await rule.find(db, now) });
  return plan;
}

export interface RetentionRun {
  runId: string;
  /** Rows changed per rule. */
  counts: Record<string, number>;
}

/**
 * The real run: each rule in batches of `batchSize`, a transaction per batch (find and apply together,
 * so what is applied is what was found), until a batch comes back short. The `retention_runs` row is
 * written first (a run that dies leaves a row without `finished_at`) and completed with the counts in
 * the same transaction as its audit entry. Counts only: no id, URL or content leaves the rules.
 * Idempotent: a second run at the same time finds nothing.
 */
export async function runRetention(
  db: Db,
  rules: RetentionRule[],
  opts: { clock: Clock; trigger: 'schedule' | 'cli'; actor: string; batchSize: number },
): Promise<RetentionRun> {
  // One instant for every rule, so a run applies one consistent set of limits.
  const now = opts.clock.now();
  const started = await db.query<{ id: string }>('INSERT INTO retention_runs (trigger, started_at) VALUES ($1, $2) RETURNING id::text AS id', [
    opts.trigger,
    now,
  ]);
  const runId = started.rows[0]!.id;
  const counts: Record<string, number> = {};
  for (const rule of rules) {
    let total = 0;
    for (;;) {
      const { found, changed } = await db.transaction(async (tx) => {
        const ids = await rule.find(tx, now, opts.batchSize);
        return { found: ids.length, changed: await rule.apply(tx, ids, now) };
      });
      total += changed;
      // A short batch is the last; so is one where nothing qualified any more (it would be found again forever).
      if (found < opts.batchSize || changed === 0) break;
    }
    counts[rule.name] = total;
  }
  await db.transaction(async (tx) => {
    const finished = opts.clock.now();
    await tx.query('UPDATE retention_runs SET finished_at = $2, counts = $3::jsonb WHERE id = $1', [runId, finished, JSON.stringify(counts)]);
    await recordAudit(tx, opts.actor, 'retention.run', `retention_run:${runId}`, { trigger: opts.trigger, counts }, { at: finished });
  });
  return { runId, counts };
}
