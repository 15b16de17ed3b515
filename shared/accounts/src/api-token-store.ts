import type { Queryable } from '@hotline/platform';
import type { AccountRole } from './user-store';

// The SQL of `api_tokens`: per-account bearer tokens for scripts, looked up by their SHA-256.

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TokenOwner {
  tokenId: string;
  userId: string;
  username: string;
  role: AccountRole;
}

export async function insertApiToken(tx: Queryable, t: { id: string; userId: string; name: string; tokenHash: Buffer; now: Date }): Promise<void> {
  await tx.query('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
    t.id,
    t.userId,
    t.name,
    t.tokenHash,
    t.now,
  ]);
}

export async function listApiTokens(db: Queryable, userId: string): Promise<ApiTokenRow[]> {
  const r = await db.query<{ id: string; name: string; created_at: Date | string; last_used_at: Date | string | null }>(
    'SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id',
    [userId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    createdAt: new Date(x.created_at).toISOString(),
    lastUsedAt: x.last_used_at === null ? null : new Date(x.last_used_at).toISOString(),
  }));
}

/** The owner of a token, unless the owner is disabled; marks the token used. */
export async function tokenOwner(db: Queryable, tokenHash: Buffer, now: Date): Promise<TokenOwner | null> {
  const r = await db.query<{ id: string; user_id: string; username: string; role: AccountRole }>(
    `UPDATE api_tokens t SET last_used_at = $2 FROM users u
      WHERE t.token_hash = $1 AND u.id = t.user_id AND NOT u.disabled
      RETURNING t.id, t.user_id, u.username, u.role`,
    [tokenHash, now],
  );
  const x = r.rows[0];
  return x ? { tokenId: x.id, userId: x.user_id, username: x.username, role: x.role } : null;
}

export async function deleteApiToken(tx: Queryable, userId: string, id: string): Promise<boolean> {
  return (await tx.query('DELETE FROM api_tokens WHERE id = $1 AND user_id = $2', [id, userId])).rowCount > 0;
}

/** Revokes every token of a user (reset). */
export async function deleteUserApiTokens(tx: Queryable, userId: string): Promise<number> {
  return (await tx.query('DELETE FROM api_tokens WHERE user_id = $1', [userId])).rowCount;
}
