import type { Db, Queryable } from '../db/db';
import { ValidationError } from '../errors';

/** SQL of the `dead_letters` table: recorded by both buses and the outbox relay, read by `hotline dlq`. */

export interface NewDeadLetter {
  topic: string;
  /** The consumer group that gave up; null when the bus refused the event at publish. */
  group: string | null;
  reason: string;
  /** The message as received: parsed JSON, or its text when it did not parse. */
  message: unknown;
  rawText?: string;
  key?: string | null;
}

export interface DeadLetterRow {
  id: string;
  topic: string;
  group: string | null;
  eventId: string | null;
  reason: string;
  createdAt: string;
  replayedAt: string | null;
}

export async function recordDeadLetter(db: Queryable, dl: NewDeadLetter): Promise<void> {
  const eventId =
    dl.message && typeof dl.message === 'object' && typeof (dl.message as { id?: unknown }).id === 'string' ? (dl.message as { id: string }).id : null;
  const message = dl.rawText === undefined ? JSON.stringify(dl.message ?? null) : null;
  await db.query(
    `INSERT INTO dead_letters (topic, consumer_group, event_id, event_key, reason, message, raw_text)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [dl.topic, dl.group, eventId, dl.key ?? null, dl.reason, message, dl.rawText ?? null],
  );
}

export async function listDeadLetters(db: Queryable, opts: { topic?: string; includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetterRow[]> {
  const { rows } = await db.query<{
    id: string | number;
    topic: string;
    consumer_group: string | null;
    event_id: string | null;
    reason: string;
    created_at: Date | string;
    replayed_at: Date | string | null;
  }>(
    `SELECT id, topic, consumer_group, event_id, reason, created_at, replayed_at FROM dead_letters
      WHERE ($1::text IS NULL OR topic = $1) AND ($2::boolean OR replayed_at IS NULL)
      ORDER BY id LIMIT $3`,
    [opts.topic ?? null, opts.includeReplayed ?? false, opts.limit ?? 1000],
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    id: String(r.id),
    topic: r.topic,
    group: r.consumer_group,
    eventId: r.event_id,
    reason: r.reason,
    createdAt: iso(r.created_at)!,
    replayedAt: iso(r.replayed_at),
  }));
}

export interface ReplayResult {
  /** Events written to the outbox (one per event, even if several groups dead-lettered it). */
  enqueued: number;
  /** Dead-letter rows marked replayed. */
  replayed: number;
  /** Rows that cannot be replayed (not an event envelope), with why. */
  skipped: Array<{ id: string; reason: string }>;
}

/**
 * Re-enqueues dead-lettered events through the outbox, so they reach every group again (consumers
 * are idempotent), and marks the rows replayed — in one transaction.
 */
export async function replayDeadLetters(db: Db, which: { all: true } | { ids: string[] }): Promise<ReplayResult> {
  if ('ids' in which && which.ids.some((id) => !/^\d{1,18}$/.test(id))) throw new ValidationError('dead-letter ids are numbers (see `dlq list`)');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string | number; topic: string; event_key: string | null; message: unknown; replayed_at: unknown }>(
      `SELECT id, topic, event_key, message, replayed_at FROM dead_letters
        WHERE ${'all' in which ? 'replayed_at IS NULL' : 'id = ANY($1::bigint[])'} ORDER BY id FOR UPDATE`,
      'all' in which ? [] : [which.ids],
    );
    if ('ids' in which) {
      const found = new Set(rows.map((r) => String(r.id)));
      const missing = which.ids.filter((id) => !found.has(id));
      if (missing.length > 0) throw new ValidationError(`no dead letter with id ${missing.join(', ')}`);
    }
    const result: ReplayResult = { enqueued: 0, replayed: 0, skipped: [] };
    const sent = new Set<string>();
    const done: string[] = [];
    for (const r of rows) {
      const id = String(r.id);
      if (r.replayed_at !== null) {
        result.skipped.push({ id, reason: 'already replayed' });
        continue;
      }
      const env = typeof r.message === 'string' ? safeParse(r.message) : r.message;
      const eventId = env && typeof env === 'object' ? (env as { id?: unknown }).id : undefined;
      if (typeof eventId !== 'string') {
        result.skipped.push({ id, reason: 'not an event envelope' });
        continue;
      }
      // One event per id and one per (topic, key): copies of one item's event (each re-send has its
      // own id) go out once; consumers are keyed by the item, so one copy is all it takes.
      const byId = `${r.topic}\u0000id\u0000${eventId}`;
      const byKey = r.event_key === null ? undefined : `${r.topic}\u0000key\u0000${r.event_key}`;
      if (!sent.has(byId) && (byKey === undefined || !sent.has(byKey))) {
        await tx.query('INSERT INTO outbox (topic, key, envelope) VALUES ($1, $2, $3::jsonb)', [r.topic, r.event_key ?? eventId, JSON.stringify(env)]);
        result.enqueued++;
      }
      sent.add(byId);
      if (byKey !== undefined) sent.add(byKey);
      done.push(id);
    }
    if (done.length > 0) await tx.query('UPDATE dead_letters SET replayed_at = now() WHERE id = ANY($1::bigint[])', [done]);
    result.replayed = done.length;
    return result;
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
