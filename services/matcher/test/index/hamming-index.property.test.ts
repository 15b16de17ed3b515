import fc from 'fast-check';
import { BruteForceIndex, HammingIndex, WORDS_PER_HASH } from '../../src/index/hamming-index';

/** A stored hash near the query: the query with `flips` distinct bits flipped. */
function near(query: number[], flips: number[]): number[] {
  const h = [...query];
  for (const bit of new Set(flips)) h[bit >>> 5] = (h[bit >>> 5]! ^ (1 << (bit & 31))) >>> 0;
  return h;
}

const word = fc.integer({ min: 0, max: 0xffffffff });
const hash = fc.array(word, { minLength: WORDS_PER_HASH, maxLength: WORDS_PER_HASH });

describe('HammingIndex (property-based, fast-check)', () => {
  it('returns exactly what brute force returns, for any stored set, query and radius', () => {
    fc.assert(
      fc.property(
        hash,
        fc.array(hash, { maxLength: 60 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 48 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 64 }),
        (query, random, flipSets, radius) => {
          const stored = [...random, ...flipSets.map((f) => near(query, f))];
          const packed = Uint32Array.from(stored.flat());
          const index = HammingIndex.build(packed.slice());
          const brute = BruteForceIndex.build(packed.slice());
          const q = Uint32Array.from(query);
          const key = (m: { id: number; distance: number }) => `${m.id}:${m.distance}`;
          expect(index.search(q, radius).map(key).sort()).toEqual(brute.search(q, radius).map(key).sort());
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
