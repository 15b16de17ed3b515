import type { Queryable } from '@hotline/platform';
import { QUEUE_ORDER, type ReviewStatus } from './queue';

// Claims on review items: a lease (claimed_by, lease_until) that ends by itself. Times come from the
// service clock (a parameter), never SQL now(), so tests move a ManualClock instead of sleeping.

export interface Claimed {
  itemId: string;
  status: ReviewStatus;
  leaseUntil: string;
}

/**
 * Hands the analyst the next item: the one they already hold, else the first claimable in queue order
 * — pending ones, awaiting_second ones they did not decide first, disputed ones for seniors. The
 * candidate is chosen and row-locked in one statement with `FOR UPDATE SKIP LOCKED`: concurrent claims
 * pass over each other's candidates instead of waiting, and the lock is held until the UPDATE of the
 * same statement sets the lease, so two analysts never hold the same item. The UPDATE does not test
 * `lease_until` again; the lock is what makes it safe. null when nothing is left for them.
 */
export async function claimNext(db: Queryable, a: { userId: string; senior: boolean; now: Date; leaseSeconds: number }): Promise<Claimed | null> {
  const until = new Date(a.now.getTime() + a.leaseSeconds * 1000);
  const held = await db.query<Row>(
    `UPDATE review_items SET lease_until = $3 WHERE claimed_by = $1 AND lease_until > $2 AND status <> 'decided'
     RETURNING id, status, lease_until`,
    [a.userId, a.now, until],
  );
  if (held.rows[0]) return toClaimed(held.rows[0]);
  const r = await db.query<Row>(
    `WITH next AS (
       SELECT r.id FROM review_items r
        WHERE r.status <> 'decided' AND (r.lease_until IS NULL OR r.lease_until <= $2)
          AND (r.status = 'pending'
               OR (r.status = 'awaiting_second' AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.item_id = r.id AND d.decided_by = $1))
               OR (r.status = 'disputed' AND $4::boolean))
        ORDER BY ${QUEUE_ORDER}
        LIMIT 1 FOR UPDATE SKIP LOCKED)
     UPDATE review_items i SET claimed_by = $1, lease_until = $3 FROM next WHERE i.id = next.id
     RETURNING i.id, i.status, i.lease_until`,
    [a.userId, a.now, until, a.senior],
  );
  return r.rows[0] ? toClaimed(r.rows[0]) : null;
}

/** Extends a lease the analyst still holds; null when it is not theirs (expired and taken, released, decided). */
export async function renewLease(db: Queryable, a: { itemId: string; userId: string; now: Date; leaseSeconds: number }): Promise<string | null> {
  const r = await db.query<{ lease_until: Date | string }>(
    `UPDATE review_items SET lease_until = $4 WHERE id = $1 AND claimed_by = $2 AND lease_until > $3 AND status <> 'decided' RETURNING lease_until`,
    [a.itemId, a.userId, a.now, new Date(a.now.getTime() + a.leaseSeconds * 1000)],
  );
  return r.rows[0] ? new Date(r.rows[0].lease_until).toISOString() : null;
}

/** Gives an item back to the queue; a no-op when the analyst does not hold it. */
export async function releaseLease(db: Queryable, itemId: string, userId: string): Promise<void> {
  await db.query('UPDATE review_items SET claimed_by = NULL, lease_until = NULL WHERE id = $1 AND claimed_by = $2', [itemId, userId]);
}

/** Whether the analyst holds the item's lease now. */
export async function holdsLease(db: Queryable, a: { itemId: string; userId: string; now: Date }): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM review_items WHERE id = $1 AND claimed_by = $2 AND lease_until > $3', [a.itemId, a.userId, a.now]);
  return r.rows.length > 0;
}

/**
 * Whether an analyst (below senior) may look at the item: it belongs to a report still open, or they
 * hold its lease, or they decided it. Closed reports are passive files, for seniors.
 */
export async function analystMaySee(db: Queryable, a: { itemId: string; userId: string; now: Date }): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>(
    `SELECT (EXISTS (SELECT 1 FROM review_sources s JOIN reports p ON p.id = s.report_id WHERE s.item_id = $1 AND p.closed_at IS NULL)
          OR EXISTS (SELECT 1 FROM review_items i WHERE i.id = $1 AND i.claimed_by = $2 AND i.lease_until > $3)
          OR EXISTS (SELECT 1 FROM review_decisions d WHERE d.item_id = $1 AND d.decided_by = $2)) AS ok`,
    [a.itemId, a.userId, a.now],
  );
  return r.rows[0]?.ok === true;
}

interface Row {
  id: string;
  status: ReviewStatus;
  lease_until: Date | string;
}

function toClaimed(r: Row): Claimed {
  return { itemId: r.id, status: r.status, leaseUntil: new Date(r.lease_until).toISOString() };
}
