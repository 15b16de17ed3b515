import { ConflictError, newId, ValidationError, type Clock, type Queryable } from '@hotline/platform';
import { hashPassword, newOneTimePassword } from './secrets';
import { deleteUserApiTokens } from './api-token-store';
import { deleteUserPasskeys } from './passkey-store';
import { deleteUserSessions } from './session-store';
import { newTotpSecret, otpauthUri, qrSvg, sealTotp } from './totp';
import { insertUser, ROLES, setPassword, setTotp, userByName, type AccountRole } from './user-store';

/** What an admin hands to a new (or reset) user, once: the one-time password and the TOTP enrolment. */
export interface IssuedCredentials {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  otpauthUri: string;
  qrSvg: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** User names are compared lower-case; what may be typed is short and plain, so none looks like another. */
export function normaliseUsername(name: string): string {
  return name.trim().toLowerCase();
}

export function usernameProblem(name: string): string | undefined {
  return USERNAME.test(name) ? undefined : 'must be 2–64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit';
}

export function parseRole(role: unknown): AccountRole {
  if (typeof role === 'string' && (ROLES as readonly string[]).includes(role)) return role as AccountRole;
  throw new ValidationError(`role must be one of ${ROLES.join(', ')}`);
}

/**
 * Creates an account with a one-time password (changed at first login) and a TOTP secret that is in use at
 * once: the admin hands over both, and the first login proves the user holds the authenticator. Runs in the
 * caller's transaction, so the audit entry commits with it.
 */
export async function createUser(tx: Queryable, key: Buffer, clock: Clock, input: { username: string; role: AccountRole }): Promise<IssuedCredentials> {
  const username = normaliseUsername(input.username);
  const problem = usernameProblem(username);
  if (problem) throw new ValidationError(`username ${problem}`);
  if (await userByName(tx, username)) throw new ConflictError('A user with that name exists.', 'user_exists');
  const id = newId();
  const password = newOneTimePassword();
  const totpSecret = newTotpSecret();
  await insertUser(tx, {
    id,
    username,
    role: input.role,
    passwordHash: await hashPassword(password),
    totpSealed: sealTotp(key, id, totpSecret),
    createdAt: clock.now(),
  });
  const uri = otpauthUri(username, totpSecret);
  return { id, username, password, totpSecret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
}

/** What a reset took away, for the audit entry. */
export interface ResetRevocations {
  sessions: number;
  apiTokens: number;
  passkeys: number;
}

/**
 * A new one-time password and TOTP secret for a user who lost either (or whose account may be in other hands):
 * every way in that the old credentials opened ends with it — sessions, API tokens and passkeys.
 */
export async function resetUser(
  tx: Queryable,
  key: Buffer,
  user: { id: string; username: string },
): Promise<IssuedCredentials & { revoked: ResetRevocations }> {
  const password = newOneTimePassword();
  const totpSecret = newTotpSecret();
  await setPassword(tx, user.id, await hashPassword(password), true);
  await setTotp(tx, user.id, sealTotp(key, user.id, totpSecret));
  const revoked = {
    sessions: await deleteUserSessions(tx, user.id),
    apiTokens: await deleteUserApiTokens(tx, user.id),
    passkeys: await deleteUserPasskeys(tx, user.id),
  };
  const uri = otpauthUri(user.username, totpSecret);
  return { id: user.id, username: user.username, password, totpSecret, otpauthUri: uri, qrSvg: await qrSvg(uri), revoked };
}
