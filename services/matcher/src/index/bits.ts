/**
 * Bit helpers shared by the Hamming indexes. A 256-bit hash is 8 uint32 words; word 0 holds the
 * first 8 hex digits (big-endian word order). Hamming distance ignores bit order, so any fixed
 * hex→words mapping works as long as lists and queries use the same one.
 */

export const WORDS_PER_HASH = 8;

/** Number of set bits in a 32-bit integer (SWAR; no table so it stays in registers). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** POP16[v] = popcount(v) for 16-bit v. 64 KiB: stays in L2 and beats arithmetic in scalar loops. */
export const POP16: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = t[i >> 1]! + (i & 1);
  return t;
})();

const HEX_RE = /^[0-9a-fA-F]*$/;

/** Hex string (length a multiple of 8) → words, first 8 digits = word 0. */
export function hexToWords(hex: string): Uint32Array {
  if (hex.length % 8 !== 0 || !HEX_RE.test(hex)) throw new RangeError(`not a hex hash of whole 32-bit words: ${JSON.stringify(hex.slice(0, 80))}`);
  const out = new Uint32Array(hex.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}

/** HEX_VALUE[byte] = value of an ASCII hex digit, 255 for anything else. */
const HEX_VALUE: Uint8Array = (() => {
  const t = new Uint8Array(256).fill(255);
  for (let i = 0; i < 16; i++) t['0123456789abcdef'.charCodeAt(i)] = t['0123456789ABCDEF'.charCodeAt(i)] = i;
  return t;
})();

/**
 * ASCII hex digits in bytes[start, end) → `out` (8 words, zero-padded after the digits), without a
 * string in between: the matcher's bulk load parses millions of them straight from the wire.
 */
export function bytesHexToWords(bytes: Uint8Array, start: number, end: number, out: Uint32Array): void {
  const digits = end - start;
  if (digits % 8 !== 0 || digits > out.length * 8) throw new RangeError(`expected whole 32-bit words of hex, got ${digits} digits`);
  for (let w = 0; w < out.length; w++) {
    if (w * 8 >= digits) {
      out[w] = 0;
      continue;
    }
    let v = 0;
    for (let k = start + w * 8, e = k + 8; k < e; k++) {
      const d = HEX_VALUE[bytes[k]!]!;
      if (d === 255) throw new RangeError(`not a hex digit at byte ${k}`);
      v = (v << 4) | d;
    }
    out[w] = v >>> 0;
  }
}

/** Inverse of hexToWords (lowercase, 8 digits per word). */
export function wordsToHex(words: Uint32Array): string {
  let s = '';
  for (let i = 0; i < words.length; i++) s += words[i]!.toString(16).padStart(8, '0');
  return s;
}

/** Packs many 64-digit hex hashes into one Uint32Array (8 words each), the input HammingIndex.build wants. */
export function packHexHashes(hexes: readonly string[]): Uint32Array {
  const out = new Uint32Array(hexes.length * WORDS_PER_HASH);
  for (let i = 0; i < hexes.length; i++) {
    const w = hexToWords(hexes[i]!);
    if (w.length !== WORDS_PER_HASH) throw new RangeError(`hash ${i} is not 256 bits`);
    out.set(w, i * WORDS_PER_HASH);
  }
  return out;
}

/**
 * Hamming distance between q (8 words) and hashes[o..o+8), or -1 as soon as it exceeds max.
 * Random hashes differ by ~16 bits per word, so a radius-31 check usually stops after 2–3 words.
 */
export function distanceWithin(q: Uint32Array, hashes: Uint32Array, o: number, max: number): number {
  let d = popcount32(q[0]! ^ hashes[o]!) + popcount32(q[1]! ^ hashes[o + 1]!);
  if (d > max) return -1;
  d += popcount32(q[2]! ^ hashes[o + 2]!) + popcount32(q[3]! ^ hashes[o + 3]!);
  if (d > max) return -1;
  d += popcount32(q[4]! ^ hashes[o + 4]!) + popcount32(q[5]! ^ hashes[o + 5]!);
  if (d > max) return -1;
  d += popcount32(q[6]! ^ hashes[o + 6]!) + popcount32(q[7]! ^ hashes[o + 7]!);
  return d > max ? -1 : d;
}

/** Exact Hamming distance between two 8-word hashes. */
export function hammingDistance(a: Uint32Array, b: Uint32Array): number {
  let d = 0;
  for (let i = 0; i < WORDS_PER_HASH; i++) d += popcount32(a[i]! ^ b[i]!);
  return d;
}

/** Checks a query/hash argument: exactly 8 words. */
export function assertHash(words: Uint32Array, what: string): void {
  if (!(words instanceof Uint32Array) || words.length !== WORDS_PER_HASH) throw new RangeError(`${what} must be a Uint32Array of ${WORDS_PER_HASH} words`);
}

/** Radius check: integer ≥ 0. Radii above 256 behave like 256 (everything matches). */
export function normaliseRadius(radius: number): number {
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`radius must be an integer >= 0, got ${radius}`);
  return Math.min(radius, 256);
}
