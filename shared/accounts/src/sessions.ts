import { newId, type Db, type Queryable } from '@hotline/platform';
import { newToken, tokenHash } from './secrets';
import { deleteSession, insertSession, sessionByTokenHash, touchSession, type SessionRow } from './session-store';

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/** A new session: the token goes into the cookie and nowhere else; the CSRF token to the page. */
export async function startSession(tx: Queryable, userId: string, now: Date): Promise<{ id: string; token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const id = newId();
  await insertSession(tx, { id, tokenHash: tokenHash(token), userId, csrfToken, now });
  return { id, token, csrfToken };
}

/**
 * The live session of a cookie token, or null. A session idle for longer than the idle limit, or older than the
 * absolute one, is deleted on sight; one in use is marked seen, unless `background` (the console's own polls and
 * lease renewals, which must not keep an unattended console logged in).
 */
export async function resumeSession(db: Db, token: string, now: Date, limits: SessionLimits, opts: { background?: boolean } = {}): Promise<SessionRow | null> {
  const s = await sessionByTokenHash(db, tokenHash(token));
  if (!s) return null;
  const t = now.getTime();
  if (t - s.lastSeenAt.getTime() >= limits.idleMs || t - s.createdAt.getTime() >= limits.maxMs) {
    await deleteSession(db, s.id);
    return null;
  }
  if (!opts.background) await touchSession(db, s.id, now);
  return s;
}
