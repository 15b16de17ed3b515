import type { Queryable } from '@hotline/platform';

// The SQL of `webauthn_credentials` and of `login_challenges` (the WebAuthn ceremonies they serve).

export type ChallengePurpose = 'login' | 'reauth' | 'register';

export interface PasskeyRow {
  id: string;
  userId: string;
  credentialId: string;
  name: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

interface Raw {
  id: string;
  user_id: string;
  credential_id: string;
  name: string;
  public_key: Uint8Array;
  counter: string | number;
  transports: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
}

function toRow(r: Raw): PasskeyRow {
  return {
    id: r.id,
    userId: r.user_id,
    credentialId: r.credential_id,
    name: r.name,
    publicKey: new Uint8Array(r.public_key),
    counter: Number(r.counter),
    transports: r.transports ? r.transports.split(',') : [],
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at).toISOString(),
  };
}

export async function insertPasskey(
  tx: Queryable,
  p: { id: string; userId: string; credentialId: string; name: string; publicKey: Uint8Array; counter: number; transports: string[]; now: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO webauthn_credentials (id, user_id, credential_id, name, public_key, counter, transports, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [p.id, p.userId, p.credentialId, p.name, Buffer.from(p.publicKey), p.counter, p.transports.join(','), p.now],
  );
}

export async function passkeysOf(db: Queryable, userId: string): Promise<PasskeyRow[]> {
  return (await db.query<Raw>('SELECT * FROM webauthn_credentials WHERE user_id = $1 ORDER BY created_at, id', [userId])).rows.map(toRow);
}

export async function passkeyByCredentialId(db: Queryable, credentialId: string): Promise<PasskeyRow | null> {
  const r = await db.query<Raw>('SELECT * FROM webauthn_credentials WHERE credential_id = $1', [credentialId]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

/** False when the counter moved meanwhile (the same assertion used twice at once). */
export async function usePasskey(tx: Queryable, id: string, oldCounter: number, newCounter: number, now: Date): Promise<boolean> {
  const r = await tx.query('UPDATE webauthn_credentials SET counter = $3, last_used_at = $4 WHERE id = $1 AND counter = $2', [id, oldCounter, newCounter, now]);
  return r.rowCount > 0;
}

export async function deletePasskey(tx: Queryable, userId: string, id: string): Promise<boolean> {
  return (await tx.query('DELETE FROM webauthn_credentials WHERE id = $1 AND user_id = $2', [id, userId])).rowCount > 0;
}

/** Removes every passkey of a user (reset: a lost device must not keep working). */
export async function deleteUserPasskeys(tx: Queryable, userId: string): Promise<number> {
  return (await tx.query('DELETE FROM webauthn_credentials WHERE user_id = $1', [userId])).rowCount;
}

/**
 * Stores a challenge; expired ones are dropped first. With `maxOpen`, false (and nothing stored) when that many
 * challenges of the purpose are open already: anyone may ask for login options, so their rows are capped.
 */
export async function insertChallenge(
  tx: Queryable,
  c: { challenge: string; purpose: ChallengePurpose; userId: string | null; expiresAt: Date; now: Date; maxOpen?: number },
): Promise<boolean> {
  await tx.query('DELETE FROM login_challenges WHERE expires_at < $1', [c.now]);
  const r = await tx.query(
    `INSERT INTO login_challenges (challenge, purpose, user_id, expires_at)
     SELECT $1::text, $2::text, $3::uuid, $4::timestamptz
      WHERE $5::int IS NULL OR (SELECT count(*) FROM login_challenges WHERE purpose = $2::text) < $5::int`,
    [c.challenge, c.purpose, c.userId, c.expiresAt, c.maxOpen ?? null],
  );
  return r.rowCount > 0;
}

/** Whether the challenge was issued for this purpose (and user, unless a login) and is still fresh; it stays until `useChallenge`. */
export async function challengeValid(db: Queryable, challenge: string, purpose: ChallengePurpose, userId: string | null, now: Date): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM login_challenges WHERE challenge = $1 AND purpose = $2 AND expires_at > $3 AND ($4::uuid IS NULL OR user_id = $4::uuid)',
    [challenge, purpose, now, userId],
  );
  return r.rowCount > 0;
}

/** Single use: false when another request used it first. */
export async function useChallenge(tx: Queryable, challenge: string): Promise<boolean> {
  return (await tx.query('DELETE FROM login_challenges WHERE challenge = $1', [challenge])).rowCount > 0;
}
