import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { seal, unseal } from '@hotline/platform';

const PERIOD = 30;
export const TOTP_ISSUER = 'Hotline review';

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
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
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return r.valid && 'timeStep' in r ? r.timeStep : null;
}

/** The code an authenticator app shows at `now` (tests and the CLI's checks). */
export function totpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
