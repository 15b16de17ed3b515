import type { Queryable } from '@hotline/platform';
import type { AccountRole } from './user-store';

// The SQL of `sessions`: the cookie's token is looked up by its SHA-256, never stored.

export interface SessionRow {
  id: string;
  userId: string;
  username: string;
  role: AccountRole;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
}

interface Raw {
  id: string;
  user_id: string;
  username: string;
  role: AccountRole;
  csrf_token: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  reauthenticated_at: Date | string | null;
}

export async function insertSession(tx: Queryable, s: { id: string; tokenHash: Buffer; userId: string; csrfToken: string; now: Date }): Promise<void> {
  await tx.query('INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $5)', [
    s.id,
    s.tokenHash,
    s.userId,
    s.csrfToken,
    s.now,
  ]);
}

/** The session of a token, with its user, unless the user is disabled. */
export async function sessionByTokenHash(db: Queryable, tokenHash: Buffer): Promise<SessionRow | null> {
  const r = await db.query<Raw>(
    `SELECT s.id, s.user_id, u.username, u.role, s.csrf_token, s.created_at, s.last_seen_at, s.reauthenticated_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND NOT u.disabled`,
    [tokenHash],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id,
    userId: x.user_id,
    username: x.username,
    role: x.role,
    csrfToken: x.csrf_token,
    createdAt: new Date(x.created_at),
    lastSeenAt: new Date(x.last_seen_at),
    reauthenticatedAt: x.reauthenticated_at === null ? null : new Date(x.reauthenticated_at),
  };
}

export async function touchSession(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
}

export async function markReauthenticated(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query('UPDATE sessions SET reauthenticated_at = $2, last_seen_at = $2 WHERE id = $1', [id, now]);
}

export async function deleteSession(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE id = $1', [id]);
}

/** Ends every session of a user (disabled, reset). */
export async function deleteUserSessions(tx: Queryable, userId: string): Promise<number> {
  return (await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount;
}

/** Ends every session of a user but one (a password change ends the others). */
export async function deleteOtherSessions(tx: Queryable, userId: string, keepId: string | null): Promise<number> {
  return (await tx.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid', [userId, keepId])).rowCount;
}
