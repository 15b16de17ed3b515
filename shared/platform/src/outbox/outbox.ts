import type { Queryable } from '../db/db';
import { makeEnvelope, type EventType } from '../events/envelope';

/**
 * Writes an event in the caller's transaction: it is published if and only if the state change
 * that caused it commits.
 */
export async function enqueueEvent<T>(tx: Queryable, type: EventType<T>, data: T, id?: string): Promise<void> {
  const envelope = makeEnvelope(type, data, id);
  await tx.query('INSERT INTO outbox (topic, key, envelope) VALUES ($1, $2, $3)', [type.name, type.key(envelope.data), JSON.stringify(envelope)]);
}

export async function pendingOutboxCount(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  return r.rows[0]?.n ?? 0;
}
