import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from '../errors';

/** Compares in constant time, over digests so unequal lengths take the same path. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A header that must equal a shared secret. */
export function requireSecret(header: string | string[] | undefined, expected: string, name: string): void {
  if (typeof header !== 'string' || header === '') throw new WebhookSignatureError(`${name} is missing`);
  if (!sameSecret(header, expected)) throw new WebhookSignatureError(`${name} does not match`);
}

/** A header carrying the hex HMAC-SHA256 of the raw body (with an optional `sha256=` prefix). */
export function requireHmac(header: string | string[] | undefined, key: string, rawBody: Buffer, name: string, prefix = ''): void {
  if (typeof header !== 'string' || header === '') throw new WebhookSignatureError(`${name} is missing`);
  const expected = prefix + createHmac('sha256', key).update(rawBody).digest('hex');
  if (!sameSecret(header.trim().toLowerCase(), expected)) throw new WebhookSignatureError(`${name} does not match the body`);
}
