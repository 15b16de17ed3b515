import { BruteForceIndex, HammingIndex } from '../../src/index/hamming-index';
import { simdAvailable } from '../../src/index/scan-kernel';
import { expected, flip, flipInWord, plantedDataset, randomWords, rng } from './helpers';

const kernels = simdAvailable() ? [true, false] : [false];

describe('HammingIndex exactness against the definition', () => {
  it('has the WebAssembly SIMD kernel on this runtime', () => {
    expect(simdAvailable()).toBe(true);
  });

  // Planted neighbours at every distance 0..r+8, so the edges r and r+1 are always present.
  describe.each(kernels)('simd=%s', (simd) => {
    it.each([0, 1, 8, 16, 31, 32, 48, 64])('radius %i: same ids and distances as brute force', (radius) => {
      const rnd = rng(1000 + radius);
      const { hashes, queries } = plantedDataset(6000, 12, radius, rnd);
      const index = HammingIndex.build(hashes, { simd, allowScan: false });
      const brute = BruteForceIndex.build(hashes);
      for (const q of queries) {
        const want = expected(hashes, q, radius);
        expect(want.some((m) => m.distance === radius)).toBe(true); // the edge is present
        expect(index.search(q, radius)).toEqual(want);
        expect(brute.search(q, radius)).toEqual(want);
        // r + 1 must add exactly the neighbours at distance r + 1
        const wider = index.search(q, radius + 1);
        expect(wider).toEqual(expected(hashes, q, radius + 1));
        expect(wider.length).toBeGreaterThan(want.length);
      }
    });
  });

  it('property: random sizes, radii, seeds and kernels (120 cases)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const rnd = rng(seed);
      const n = 1 + (rnd() % 1500);
      const radius = rnd() % 48;
      const simd = kernels[seed % kernels.length]!;
      const allowScan = seed % 3 === 0;
      const hashes = randomWords(n, rnd);
      const queries: Uint32Array[] = [];
      for (let q = 0; q < 3; q++) {
        const query = randomWords(1, rnd);
        for (let k = 0; k < 6; k++) hashes.set(flip(query, rnd() % (radius + 9), rnd), (rnd() % n) * 8);
        queries.push(query);
      }
      queries.push(hashes.slice(0, 8)); // a stored hash itself
      const index = HammingIndex.build(hashes, { simd, allowScan });
      for (const q of queries) {
        const got = index.search(q, radius);
        const want = expected(hashes, q, radius);
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`seed ${seed} n ${n} r ${radius} simd ${simd}: ${got.length} vs ${want.length}`);
      }
    }
  });

  it.each(kernels)('skewed data: duplicate words, shared halves and a bucket larger than one kernel batch (simd=%s)', (simd) => {
    const rnd = rng(77);
    const query = randomWords(1, rnd);
    const n = 40000; // > HIT_CAP entries in one bucket
    const hashes = randomWords(n, rnd);
    for (let i = 0; i < n; i++) {
      // word 0: every hash shares the query's high half; word 1: only 4 distinct values near the query
      hashes[i * 8] = (query[0]! & 0xffff0000) | (hashes[i * 8]! & 0xffff);
      hashes[i * 8 + 1] = flipInWord(query, 1, i % 4, rnd)[1]!;
    }
    for (let d = 0; d <= 40; d++) hashes.set(flip(query, d, rnd), (rnd() % n) * 8);
    for (let d = 0; d <= 4; d++) hashes.set(flipInWord(query, 3, d, rnd), (rnd() % n) * 8);
    const index = HammingIndex.build(hashes, { simd, allowScan: false });
    for (const radius of [3, 16, 31, 40]) expect(index.search(query, radius)).toEqual(expected(hashes, query, radius));
    const exact = hashes.slice(8 * 5, 8 * 6);
    expect(index.search(exact, 0)).toEqual(expected(hashes, exact, 0));
  });

  it.each(kernels)('a giant lo bucket with many repeated word values reports each hash once (simd=%s)', (simd) => {
    const rnd = rng(31);
    const query = randomWords(1, rnd);
    const n = 3000;
    const hashes = new Uint32Array(n * 8);
    // word 2: same low half as the query for everyone (one lo bucket of 3,000 entries), high half
    // one of 12 values at distance 2 or 3 from the query's; every third hash is a near neighbour
    const highs = Array.from({ length: 12 }, (_, i) => (flipInWord(query, 2, 2 + (i % 2), rnd)[2]! >>> 16) ^ 0);
    for (let i = 0; i < n; i++) {
      const h = i % 3 === 0 ? flip(query, rnd() % 36, rnd) : randomWords(1, rnd);
      h[2] = ((highs[rnd() % highs.length]! << 16) | (query[2]! & 0xffff)) >>> 0;
      hashes.set(h, i * 8);
    }
    const index = HammingIndex.build(hashes, { simd, allowScan: false });
    for (const radius of [5, 31, 40]) {
      const got = index.search(query, radius);
      expect(got).toEqual(expected(hashes, query, radius));
      expect(new Set(got.map((m) => m.id)).size).toBe(got.length);
    }
  });

  it('queries touching more buckets than one kernel batch (r = 80, n = 30k)', () => {
    const rnd = rng(41);
    const { hashes, queries } = plantedDataset(30000, 2, 80, rnd);
    const index = HammingIndex.build(hashes, { allowScan: false });
    for (const q of queries) expect(index.search(q, 80)).toEqual(expected(hashes, q, 80));
  });

  it('identical hashes are all reported, each once', () => {
    const rnd = rng(5);
    const h = randomWords(1, rnd);
    const hashes = new Uint32Array(8 * 50);
    for (let i = 0; i < 50; i++) hashes.set(i % 2 === 0 ? h : flip(h, 3, rnd), i * 8);
    const index = HammingIndex.build(hashes, { allowScan: false });
    const got = index.search(h, 31);
    expect(got.length).toBe(50);
    expect(new Set(got.map((m) => m.id)).size).toBe(50);
    expect(got.filter((m) => m.distance === 0).length).toBe(25);
  });

  it('radii 0..256 on a small set, including everything-matches', () => {
    const rnd = rng(9);
    const { hashes, queries } = plantedDataset(300, 2, 40, rnd);
    const index = HammingIndex.build(hashes, { allowScan: false });
    for (const radius of [0, 2, 5, 24, 33, 63, 64, 100, 128, 200, 255, 256, 300]) {
      const want = expected(hashes, queries[0]!, Math.min(radius, 256));
      expect(index.search(queries[0]!, radius)).toEqual(want);
    }
    expect(index.search(queries[1]!, 256).length).toBe(300);
  });
});
