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
