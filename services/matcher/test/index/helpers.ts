/** Bit-by-bit reference count, deliberately not the implementation under test. */
function bitCount(x: number): number {
  let c = 0;
  for (; x !== 0; x &= x - 1) c++;
  return c;
}

/** Seeded xorshift32 (tests must be reproducible: a failing seed is printed in the assertion). */
export function rng(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

export function randomWords(n: number, rnd: () => number): Uint32Array {
  const out = new Uint32Array(n * 8);
  for (let i = 0; i < out.length; i++) out[i] = rnd();
  return out;
}

/** A copy of hash with exactly d distinct random bits flipped. */
export function flip(hash: Uint32Array, d: number, rnd: () => number): Uint32Array {
  const out = hash.slice(0, 8);
  const pos = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0; i < d; i++) {
    const j = i + (rnd() % (256 - i));
    [pos[i], pos[j]] = [pos[j]!, pos[i]!];
    const b = pos[i]!;
    out[b >>> 5] = out[b >>> 5]! ^ (1 << (31 - (b & 31)));
  }
  return out;
}

/** Copy with d bits flipped, all inside word `word` (stresses one word's buckets). */
export function flipInWord(hash: Uint32Array, word: number, d: number, rnd: () => number): Uint32Array {
  const out = hash.slice(0, 8);
  const pos = Array.from({ length: 32 }, (_, i) => i);
  for (let i = 0; i < d; i++) {
    const j = i + (rnd() % (32 - i));
    [pos[i], pos[j]] = [pos[j]!, pos[i]!];
    out[word] = out[word]! ^ (1 << pos[i]!);
  }
  return out;
}

/**
 * n random hashes, then for each query overwrite random positions with neighbours at every
 * distance 0..r+8 (so both edges, r and r+1, are always present).
 */
export function plantedDataset(n: number, queries: number, radius: number, rnd: () => number): { hashes: Uint32Array; queries: Uint32Array[] } {
  const hashes = randomWords(n, rnd);
  const used = new Uint8Array(n); // distinct positions, so no planted neighbour is overwritten
  const qs: Uint32Array[] = [];
  for (let q = 0; q < queries; q++) {
    const query = randomWords(1, rnd);
    for (let d = 0; d <= Math.min(256, radius + 8); d++) {
      let pos = rnd() % n;
      while (used[pos]) pos = rnd() % n;
      used[pos] = 1;
      hashes.set(flip(query, d, rnd), pos * 8);
    }
    qs.push(query);
  }
  return { hashes, queries: qs };
}

/** The exact answer by definition (not via BruteForceIndex, so the oracle is independent). */
export function expected(
  hashes: Uint32Array,
  query: Uint32Array,
  radius: number,
  disabled: ReadonlySet<number> = new Set(),
): { id: number; distance: number }[] {
  const out: { id: number; distance: number }[] = [];
  for (let id = 0; id < hashes.length / 8; id++) {
    let d = 0;
    for (let w = 0; w < 8; w++) d += bitCount((query[w]! ^ hashes[id * 8 + w]!) | 0);
    if (d <= radius && !disabled.has(id)) out.push({ id, distance: d });
  }
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}
