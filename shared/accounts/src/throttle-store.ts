import type { Queryable } from '@hotline/platform';

// The SQL of `login_throttle`: attempts per typed user name, existing or not.
//
// An attempt is counted BEFORE its (slow) password check, in one atomic statement, and only a proof that held
// takes it back. So a burst of parallel guesses cannot all pass the check before the first failure is written:
// at most FAILURES_BEFORE_LOCK of them are ever verified, the rest are refused and lock the name.

export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_SECONDS = 60;
const MAX_LOCK_SECONDS = 60 * 60;

/** Seconds until the name may try again, or 0. */
export async function lockedFor(db: Queryable, username: string, now: Date): Promise<number> {
  const r = await db.query<{ locked_until: Date | string | null }>('SELECT locked_until FROM login_throttle WHERE username = $1', [username]);
  const until = r.rows[0]?.locked_until;
  if (!until) return 0;
  const ms = new Date(until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts an attempt of the name before it is checked. Returns 0 when the check may go ahead, else the seconds
 * to wait: the name is locked, or as many attempts as the lock-out allows are failed or still being checked
 * (that one locks the name now).
 */
export async function beginAttempt(db: Queryable, username: string, now: Date): Promise<number> {
  const r = await db.query<{ failures: number }>(
    `INSERT INTO login_throttle (username, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (username) DO UPDATE SET failures = login_throttle.failures + 1, last_failure_at = $2
       WHERE login_throttle.locked_until IS NULL OR login_throttle.locked_until <= $2
     RETURNING failures`,
    [username, now],
  );
  const failures = r.rows[0]?.failures;
  if (failures !== undefined && failures <= FAILURES_BEFORE_LOCK) return 0;
  if (failures !== undefined) await lockIfDue(db, username, now);
  // At least a second: the lock may have run out between the two statements.
  return Math.max(await lockedFor(db, username, now), 1);
}

/**
 * The attempt failed: it stays counted; the FAILURES_BEFORE_LOCK-th in a row locks the name for a minute, each
 * further lock-out twice as long as the one before, up to an hour. Rows of names nobody tried for a day are
 * dropped on the way.
 */
export async function failAttempt(tx: Queryable, username: string, now: Date): Promise<void> {
  await tx.query(`DELETE FROM login_throttle WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $1)`, [
    new Date(now.getTime() - 86_400_000),
  ]);
  await lockIfDue(tx, username, now);
}

/** The attempt proved who it is but did not log in (a password change is due, the new one is refused): not a failure. */
export async function releaseAttempt(db: Queryable, username: string): Promise<void> {
  await db.query('UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE username = $1', [username]);
}

/** A failure counted outright (tests, and callers with nothing slow to guard): `beginAttempt` then `failAttempt`. */
export async function recordFailure(tx: Queryable, username: string, now: Date): Promise<void> {
  if ((await beginAttempt(tx, username, now)) === 0) await failAttempt(tx, username, now);
}

export async function clearFailures(tx: Queryable, username: string): Promise<void> {
  await tx.query('DELETE FROM login_throttle WHERE username = $1', [username]);
}

// Conditional, so that of many requests over the limit at once only one locks (and doubles the next lock).
async function lockIfDue(db: Queryable, username: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE login_throttle
        SET failures = 0, lockouts = lockouts + 1,
            locked_until = $2::timestamptz + LEAST(${FIRST_LOCK_SECONDS} * power(2, lockouts), ${MAX_LOCK_SECONDS}) * interval '1 second'
      WHERE username = $1 AND failures >= ${FAILURES_BEFORE_LOCK} AND (locked_until IS NULL OR locked_until <= $2)`,
    [username, now],
  );
}
