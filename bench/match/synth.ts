/** Seeded synthetic data for the match benchmark: random 256-bit hashes and planted neighbours. */

/** xorshift32: fast, seedable, good enough for uniformly random hash bits. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

export function randomHashes(n: number, rnd: () => number): Uint32Array {
  const out = new Uint32Array(n * 8);
  for (let i = 0; i < out.length; i++) out[i] = rnd();
  return out;
}

/** Copies src[so..so+8) to dst[do..do+8) with exactly `d` distinct random bits flipped. */
export function flipBits(src: Uint32Array, so: number, dst: Uint32Array, dOff: number, d: number, rnd: () => number, scratch: Uint8Array): void {
  for (let i = 0; i < 8; i++) dst[dOff + i] = src[so + i]!;
  for (let i = 0; i < 256; i++) scratch[i] = i;
  for (let i = 0; i < d; i++) {
    const j = i + (rnd() % (256 - i)); // partial Fisher–Yates: d distinct bit positions
    const b = scratch[j]!;
    scratch[j] = scratch[i]!;
    scratch[i] = b;
    dst[dOff + (b >>> 5)] = dst[dOff + (b >>> 5)]! ^ (1 << (31 - (b & 31)));
  }
}

export interface Workload {
  hashes: Uint32Array;
  queries: Uint32Array[];
  /** planted[q] = ids planted for query q at distance <= radius (the must-find set, before random hits). */
  planted: number[][];
}

/**
 * n random hashes; for each query, hashes at distances 0..r (must be found) and r+1..r+8 (must
 * not) overwrite distinct random positions.
 */
export function makeWorkload(n: number, queries: number, radius: number, seed: number): Workload {
  const rnd = xorshift32(seed);
  const hashes = randomHashes(n, rnd);
  const used = new Uint8Array(n);
  const scratch = new Uint8Array(256);
  const qs: Uint32Array[] = [];
  const planted: number[][] = [];
  const perQuery = radius + 9;
  if (queries * perQuery > n) throw new RangeError('too many planted neighbours for this size');
  for (let q = 0; q < queries; q++) {
    const query = new Uint32Array(8);
    for (let i = 0; i < 8; i++) query[i] = rnd();
    const mine: number[] = [];
    for (let d = 0; d <= radius + 8; d++) {
      let pos = rnd() % n;
      while (used[pos]) pos = rnd() % n;
      used[pos] = 1;
      flipBits(query, 0, hashes, pos * 8, Math.min(d, 256), rnd, scratch);
      if (d <= radius) mine.push(pos);
    }
    qs.push(query);
    planted.push(mine);
  }
  return { hashes, queries: qs, planted };
}
