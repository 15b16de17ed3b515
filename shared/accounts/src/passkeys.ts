import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { newId, ValidationError, type Db, type Queryable } from '@hotline/platform';
import { TooManyChallengesError } from './errors';
import {
  challengeValid,
  insertChallenge,
  insertPasskey,
  passkeyByCredentialId,
  passkeysOf,
  useChallenge,
  usePasskey,
  type ChallengePurpose,
} from './passkey-store';

export type { AuthenticationResponseJSON, RegistrationResponseJSON };

/** Where passkeys are bound: the relying party id (a domain, never an IP address) and the console's exact origin. */
export interface RelyingParty {
  rpId: string;
  origin: string;
  now: Date;
}

const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = 'Hotline review';

/**
 * Request options for a login or a re-authentication. The list of allowed credentials stays empty (discoverable
 * passkeys): options for a login then look the same whether or not the user name exists.
 */
export async function authenticationOptions(
  db: Queryable,
  rp: RelyingParty,
  purpose: 'login' | 'reauth',
  userId: string | null,
  opts: { maxOpen?: number } = {},
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: rp.rpId, allowCredentials: [], userVerification: 'preferred' });
  const expiresAt = new Date(rp.now.getTime() + CHALLENGE_TTL_MS);
  if (!(await insertChallenge(db, { challenge: options.challenge, purpose, userId, expiresAt, now: rp.now, maxOpen: opts.maxOpen }))) {
    throw new TooManyChallengesError();
  }
  return options;
}

export async function registrationOptions(
  db: Queryable,
  rp: RelyingParty,
  user: { id: string; username: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await passkeysOf(db, user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpId,
    userName: user.username,
    userID: Buffer.from(user.id.replace(/-/g, ''), 'hex'),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await insertChallenge(db, {
    challenge: options.challenge,
    purpose: 'register',
    userId: user.id,
    expiresAt: new Date(rp.now.getTime() + CHALLENGE_TTL_MS),
    now: rp.now,
  });
  return options;
}

function challengeOf(clientDataJSON: unknown): string | null {
  try {
    const c = JSON.parse(Buffer.from(String(clientDataJSON), 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof c.challenge === 'string' ? c.challenge : null;
  } catch {
    return null;
  }
}

/** A checked assertion, not yet used: `commit` consumes its challenge and moves the counter, in the caller's transaction. */
export interface CheckedAssertion {
  userId: string;
  commit(tx: Queryable): Promise<boolean>;
}

/**
 * Verifies an assertion against a challenge issued for `purpose` and a passkey of `userId`; null when anything
 * is off. Nothing changes until `commit`, so a login answered `password_change_required` can be repeated.
 */
export async function checkAssertion(
  db: Queryable,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  purpose: 'login' | 'reauth',
  userId: string,
): Promise<CheckedAssertion | null> {
  const challenge = challengeOf(response?.response?.clientDataJSON);
  if (!challenge || !(await challengeValid(db, challenge, purpose, purpose === 'reauth' ? userId : null, rp.now))) return null;
  const passkey = await passkeyByCredentialId(db, String(response.id));
  if (!passkey || passkey.userId !== userId) return null;
  let info;
  try {
    const v = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as never },
      requireUserVerification: false,
    });
    if (!v.verified) return null;
    info = v.authenticationInfo;
  } catch {
    return null;
  }
  return {
    userId,
    async commit(tx) {
      return (await useChallenge(tx, challenge)) && (await usePasskey(tx, passkey.id, passkey.counter, info.newCounter, rp.now));
    },
  };
}

/** Registers a passkey from a registration response to a challenge issued to this user; a refusal is a 400 with the reason. */
export async function addPasskey(
  db: Db,
  rp: RelyingParty,
  userId: string,
  name: string,
  response: RegistrationResponseJSON,
  /** Runs in the same transaction (the audit entry). */
  inTx: (tx: Queryable, added: { id: string; name: string }) => Promise<void> = async () => {},
): Promise<{ id: string; name: string }> {
  const challenge = challengeOf(response?.response?.clientDataJSON);
  if (!challenge || !(await challengeValid(db, challenge, 'register', userId, rp.now))) {
    throw new ValidationError('The passkey answers no registration request of yours that is still open; start again.');
  }
  let v;
  try {
    v = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: false,
    });
  } catch (err) {
    throw new ValidationError(`The passkey was refused: ${(err as Error).message}`);
  }
  if (!v.verified) throw new ValidationError('The passkey was refused.');
  const cred = v.registrationInfo.credential;
  const id = newId();
  await db.transaction(async (tx) => {
    if (!(await useChallenge(tx, challenge))) throw new ValidationError('That registration request was already used.');
    await insertPasskey(tx, {
      id,
      userId,
      credentialId: cred.id,
      name,
      publicKey: cred.publicKey,
      counter: cred.counter,
      transports: cred.transports ?? [],
      now: rp.now,
    });
    await inTx(tx, { id, name });
  });
  return { id, name };
}

export type { ChallengePurpose };
