import { createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import type { SecretSpec } from '@hotline/platform';

/** 32 bytes as standard, padded base64: 43 characters and one '='. */
const CANONICAL = /^[A-Za-z0-9+/]{43}=$/;
// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): node builds the key pair from it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface ReferralSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex characters of the SHA-256 of the raw 32-byte public key: names the key in mails and documents. */
  keyId: string;
  /** To hand to partners, who verify referrals with it. */
  publicKeyPem: string;
}

export function referralKeyProblem(text: string): string | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (!CANONICAL.test(text) || bytes.toString('base64') !== text) {
    return 'must be a 32-byte Ed25519 seed in canonical base64, as `openssl rand -base64 32` prints it';
  }
  if (bytes.every((b) => b === bytes[0])) return 'must be random, not 32 copies of one byte value';
  return undefined;
}

export function signingKeyFromSeed(seed: Buffer): ReferralSigningKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

export function keyIdOf(publicKey: KeyObject): string {
  // The JWK's x is the raw 32-byte public key.
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** The hotline's referral signing key (Ed25519): held by the takedown service; partners get its public half. */
export const referralSigningKeySecret: SecretSpec<ReferralSigningKey> = {
  variable: 'TAKEDOWN_SIGNING_KEY',
  file: 'takedown-signing-key',
  problem: referralKeyProblem,
  generate: () => randomBytes(32).toString('base64'),
  decode: (text) => signingKeyFromSeed(Buffer.from(text, 'base64')),
};
