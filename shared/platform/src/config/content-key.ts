import { randomBytes } from 'node:crypto';
import type { SecretSpec } from './secrets';

/** 32 bytes as standard, padded base64: 43 characters and one '='. */
const CANONICAL = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Why a text is not a usable content key, or undefined. Buffer.from(…, 'base64') skips characters it does not
 * know and ignores missing padding, so only a round trip proves the text means exactly these 32 bytes; a key of
 * one repeated byte (all zeros above all) is a placeholder somebody forgot to replace, not a key.
 */
export function contentKeyProblem(text: string): string | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (!CANONICAL.test(text) || bytes.toString('base64') !== text) {
    return 'must be 32 bytes in canonical base64, as `openssl rand -base64 32` prints them';
  }
  if (bytes.every((b) => b === bytes[0])) return 'must be random, not 32 copies of one byte value';
  return undefined;
}

export const CONTENT_KEY_FILE = 'content-encryption-key';

/** The content store's AES-256-GCM key: held by the services that seal or open content, the same in all of them. */
export const contentKeySecret: SecretSpec<Buffer> = {
  variable: 'CONTENT_ENCRYPTION_KEY',
  file: CONTENT_KEY_FILE,
  problem: contentKeyProblem,
  generate: () => randomBytes(32).toString('base64'),
  decode: (text) => Buffer.from(text, 'base64'),
};

/** What a service declares to use the content store: `secrets: { contentKey: contentKeySecret }`. */
export type WithContentKey = { contentKey: Buffer };
