import type { Queryable } from '@hotline/platform';

// The SQL of `login_throttle`: failures per typed user name, existing or not.

export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** Seconds until the name may try again, or 0. */
export async function lockedFor(db: Queryable, username: string, now: Date): Promise<number> {
  const r = await db.query<{ locked_until: Date | string | null }>('SELECT locked_until FROM login_throttle WHERE username = $1', [username]);
  const until = r.rows[0]?.locked_until;
  if (!until) return 0;
  const ms = new Date(until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts a failure; the fifth in a row locks the name for a minute, each further lock-out twice as long as the
 * one before, up to an hour. Rows of names nobody tried for a day are dropped on the way.
 */
export async function recordFailure(tx: Queryable, username: string, now: Date): Promise<void> {
  await tx.query(`DELETE FROM login_throttle WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $1)`, [
    new Date(now.getTime() - 86_400_000),
  ]);
  const r = await tx.query<{ failures: number; lockouts: number }>(
    `INSERT INTO login_throttle (username, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (username) DO UPDATE SET failures = login_throttle.failures + 1, last_failure_at = $2
     RETURNING failures, lockouts`,
    [username, now],
  );
  const row = r.rows[0]!;
  if (row.failures < FAILURES_BEFORE_LOCK) return;
  const ms = Math.min(FIRST_LOCK_MS * 2 ** row.lockouts, MAX_LOCK_MS);
  await tx.query('UPDATE login_throttle SET failures = 0, lockouts = lockouts + 1, locked_until = $2 WHERE username = $1', [
    username,
    new Date(now.getTime() + ms),
  ]);
}

export async function clearFailures(tx: Queryable, username: string): Promise<void> {
  await tx.query('DELETE FROM login_throttle WHERE username = $1', [username]);
}
