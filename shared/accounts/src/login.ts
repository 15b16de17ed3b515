import { recordAudit, ValidationError, type Db, type Queryable } from '@hotline/platform';
import { normaliseUsername } from './create-user';
import { InvalidCredentialsError, LockedError, passwordChangeRequired } from './errors';
import { checkAssertion, type AuthenticationResponseJSON, type RelyingParty } from './passkeys';
import { hashPassword, passwordProblem, verifyPassword } from './secrets';
import { beginAttempt, clearFailures, failAttempt, releaseAttempt } from './throttle-store';
import { totpStep, unsealTotp } from './totp';
import { setPassword, useTotpStep, userByName, type UserRow } from './user-store';

export interface Proof {
  username: string;
  password: string;
  otp?: string;
  passkey?: AuthenticationResponseJSON;
  /** Only at login, when the one-time password must be replaced. */
  newPassword?: string;
}

export interface ProofContext {
  db: Db;
  key: Buffer;
  rp: RelyingParty;
  /** `reauth`: the proof must be of this user (the session's). */
  purpose: 'login' | 'reauth';
  userId?: string;
}

/** A proof that held: `commit` uses its code or passkey and clears the failures, in the caller's transaction. */
export interface Proven {
  user: UserRow;
  commit(tx: Queryable): Promise<void>;
}

/**
 * Checks a password and a second factor (a TOTP code or a passkey assertion) under the lock-out. Every failure
 * looks the same (`invalid_credentials`) and counts against the typed name whether or not the account exists,
 * and is audited with the name as subject, never the password or code. Nothing is used up before `commit`, so
 * a first login answered `password_change_required` can be sent again with `newPassword`.
 */
export async function proveIdentity(c: ProofContext, proof: Proof): Promise<Proven> {
  const name = normaliseUsername(proof.username).slice(0, 100);
  const now = c.rp.now;
  // Counted before the slow check, so parallel guesses cannot outrun the lock-out.
  const wait = await beginAttempt(c.db, name, now);
  if (wait > 0) throw new LockedError(wait);

  const found = name ? await userByName(c.db, name) : null;
  const user = found && !found.disabled && (c.purpose === 'login' || found.id === c.userId) ? found : null;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, proof.password);
  let useFactor: ((tx: Queryable) => Promise<boolean>) | null = null;
  if (user && passwordOk) {
    if (proof.passkey) {
      const checked = await checkAssertion(c.db, c.rp, proof.passkey, c.purpose, user.id);
      if (checked) useFactor = (tx) => checked.commit(tx);
    } else if (proof.otp && user.totpSealed) {
      const step = await totpStep(unsealTotp(c.key, user.id, user.totpSealed), proof.otp, now, user.totpLastStep);
      if (step !== null) useFactor = (tx) => useTotpStep(tx, user.id, step);
    }
  }
  if (!user || !useFactor) {
    await c.db.transaction(async (tx) => {
      await failAttempt(tx, name, now);
      await recordAudit(tx, user?.id ?? 'anonymous', `${c.purpose}.failed`, name || '(empty)', {});
    });
    throw new InvalidCredentialsError();
  }
  await releaseAttempt(c.db, name);

  let newHash: string | null = null;
  if (c.purpose === 'login' && user.mustChangePassword) {
    if (proof.newPassword === undefined) throw passwordChangeRequired();
    const problem = passwordProblem(proof.newPassword);
    if (problem) throw new ValidationError(`newPassword ${problem}`);
    if (proof.newPassword === proof.password) throw new ValidationError('newPassword must differ from the one-time password');
    newHash = await hashPassword(proof.newPassword);
  }
  const factor = useFactor;
  return {
    user,
    async commit(tx) {
      // A code or assertion used by a concurrent request between the check and now is a replay.
      if (!(await factor(tx))) throw new InvalidCredentialsError();
      await clearFailures(tx, name);
      if (newHash) {
        await setPassword(tx, user.id, newHash, false);
        await recordAudit(tx, user.id, 'password.changed', user.id, { at: 'first-login' });
      }
    },
  };
}
