import type { Queryable } from '@hotline/platform';

// The SQL of `users`. Rows leave typed (timestamps as ISO strings); the password hash and the sealed
// TOTP secrets stay inside this package's callers and never reach an API answer.

export const ROLES = ['analyst', 'senior', 'admin'] as const;
export type AccountRole = (typeof ROLES)[number];

export interface UserRow {
  id: string;
  username: string;
  role: AccountRole;
  passwordHash: string;
  mustChangePassword: boolean;
  totpSealed: Uint8Array | null;
  totpPendingSealed: Uint8Array | null;
  totpLastStep: number | null;
  blurStrength: number;
  disabled: boolean;
  createdAt: string;
  hasPasskey: boolean;
}

interface Raw {
  id: string;
  username: string;
  role: AccountRole;
  password_hash: string;
  must_change_password: boolean;
  totp_sealed: Uint8Array | null;
  totp_pending_sealed: Uint8Array | null;
  totp_last_step: string | number | null;
  blur_strength: number;
  disabled: boolean;
  created_at: Date | string;
  has_passkey: boolean;
}

const SELECT = `SELECT u.*, EXISTS (SELECT 1 FROM webauthn_credentials c WHERE c.user_id = u.id) AS has_passkey FROM users u`;

function toRow(r: Raw): UserRow {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password,
    totpSealed: r.totp_sealed,
    totpPendingSealed: r.totp_pending_sealed,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    blurStrength: r.blur_strength,
    disabled: r.disabled,
    createdAt: new Date(r.created_at).toISOString(),
    hasPasskey: r.has_passkey,
  };
}

/** What the API shows of an account (the contract's `user` object). */
export interface PublicUser {
  id: string;
  username: string;
  role: AccountRole;
  blurStrength: number;
  mustEnrolPasskey: false;
  hasPasskey: boolean;
  hasTotp: boolean;
}

export function publicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    blurStrength: u.blurStrength,
    mustEnrolPasskey: false,
    hasPasskey: u.hasPasskey,
    hasTotp: u.totpSealed !== null,
  };
}

export async function insertUser(
  tx: Queryable,
  u: { id: string; username: string; role: AccountRole; passwordHash: string; totpSealed: Buffer; createdAt: Date },
): Promise<void> {
  await tx.query(`INSERT INTO users (id, username, role, password_hash, must_change_password, totp_sealed, created_at) VALUES ($1, $2, $3, $4, true, $5, $6)`, [
    u.id,
    u.username,
    u.role,
    u.passwordHash,
    u.totpSealed,
    u.createdAt,
  ]);
}

export async function userByName(db: Queryable, username: string): Promise<UserRow | null> {
  const r = await db.query<Raw>(`${SELECT} WHERE u.username = $1`, [username]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

export async function userById(db: Queryable, id: string): Promise<UserRow | null> {
  const r = await db.query<Raw>(`${SELECT} WHERE u.id = $1`, [id]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<Raw>(`${SELECT} ORDER BY u.username`)).rows.map(toRow);
}

export async function updateUser(tx: Queryable, id: string, change: { role?: AccountRole; disabled?: boolean }): Promise<boolean> {
  const r = await tx.query('UPDATE users SET role = coalesce($2, role), disabled = coalesce($3, disabled) WHERE id = $1', [
    id,
    change.role ?? null,
    change.disabled ?? null,
  ]);
  return r.rowCount > 0;
}

export async function setPassword(tx: Queryable, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await tx.query('UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1', [id, passwordHash, mustChange]);
}

/** A new confirmed TOTP secret (creation, reset): no step used yet, nothing pending. */
export async function setTotp(tx: Queryable, id: string, sealed: Buffer): Promise<void> {
  await tx.query('UPDATE users SET totp_sealed = $2, totp_pending_sealed = NULL, totp_last_step = NULL WHERE id = $1', [id, sealed]);
}

export async function setPendingTotp(tx: Queryable, id: string, sealed: Buffer): Promise<void> {
  await tx.query('UPDATE users SET totp_pending_sealed = $2 WHERE id = $1', [id, sealed]);
}

/** The pending secret becomes the one in use, with the step its confirming code used. */
export async function confirmPendingTotp(tx: Queryable, id: string, step: number): Promise<boolean> {
  const r = await tx.query(
    'UPDATE users SET totp_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = $2 WHERE id = $1 AND totp_pending_sealed IS NOT NULL',
    [id, step],
  );
  return r.rowCount > 0;
}

/** Records the step of an accepted code; false when this step (or a later one) was used meanwhile: a replay. */
export async function useTotpStep(tx: Queryable, id: string, step: number): Promise<boolean> {
  const r = await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [id, step]);
  return r.rowCount > 0;
}

export async function setBlurStrength(tx: Queryable, id: string, blurStrength: number): Promise<void> {
  await tx.query('UPDATE users SET blur_strength = $2 WHERE id = $1', [id, blurStrength]);
}
