import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';

/** A bearer secret (session cookie, API token): 32 random bytes; only its SHA-256 is stored. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function sameText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'must be at most 200 characters';
  return undefined;
}

/** A one-time password handed out by an admin or the CLI: 120 random bits, easy to type. */
export function newOneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended floor. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verified against for unknown user names, so they take as long to refuse as a wrong password.
let dummy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const h = hash ?? (await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  const ok = await argon2.verify(h, password).catch(() => false);
  return hash !== null && ok;
}
