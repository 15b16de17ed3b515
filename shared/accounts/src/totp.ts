import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CryptoPlugin } from '@otplib/core';
import { generate, verify } from '@otplib/totp';
import QRCode from 'qrcode';
import { seal, unseal } from '@hotline/platform';
import { base32Decode, base32Encode } from './base32';

const PERIOD = 30;
export const TOTP_ISSUER = 'Hotline review';

/*
 * otplib's umbrella package loads its default plugins (@noble/hashes, @scure/base), which are ES modules only and
 * cannot be loaded by our CommonJS build under jest; @otplib/totp of the same release takes the key as bytes and
 * this plugin over node:crypto instead.
 */
const nodeCrypto: CryptoPlugin = {
  name: 'node-crypto',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  },
};

/** 160 random bits (RFC 4226's recommendation), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The enrolment URI (SHA-1, 6 digits, 30 s: what every authenticator app supports). */
export function otpauthUri(username: string, secret: string): string {
  const issuer = encodeURIComponent(TOTP_ISSUER);
  return `otpauth://totp/${issuer}:${encodeURIComponent(username)}?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=${PERIOD}`;
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2 });
}

/** A QR code drawn with block characters, for the CLI. */
export function qrTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true });
}

/** Sealed under the accounts key, bound to its user: a secret copied onto another row does not open. */
export function sealTotp(key: Buffer, userId: string, secret: string): Buffer {
  return seal(key, Buffer.from(secret, 'utf8'), `totp:${userId}`);
}

export function unsealTotp(key: Buffer, userId: string, sealed: Uint8Array): string {
  return unseal(key, Buffer.from(sealed), `totp:${userId}`).toString('utf8');
}

/**
 * The time step a code belongs to when it is valid now, one step before or one after (clock drift), and
 * later than `lastStep` (the step last accepted: a code is good once); null otherwise.
 */
export async function totpStep(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const r = await verify({
    secret: base32Decode(secret),
    crypto: nodeCrypto,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return r.valid && 'timeStep' in r ? r.timeStep : null;
}

/** The code an authenticator app shows at `now` (tests and the CLI's checks). */
export function totpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret: base32Decode(secret), crypto: nodeCrypto, epoch: Math.floor(now.getTime() / 1000) });
}
