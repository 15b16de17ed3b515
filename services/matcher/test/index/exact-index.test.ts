import fc from 'fast-check';
import { ExactHashIndex } from '../../src/index/exact-index';
import { BruteForceIndex } from '../../src/index/hamming-index';

const word = fc.integer({ min: 0, max: 0xffffffff });
const randomHash = fc.array(word, { minLength: 8, maxLength: 8 });
/**
 * Hashes around one base: the base itself, twins differing from it in one word (any of the 8, so
 * every word of the comparison is exercised), and unrelated ones.
 */
const family = (base: number[]) =>
  fc.oneof(
    fc.constant(base),
    fc.tuple(fc.nat({ max: 7 }), word).map(([k, v]) => base.map((w, i) => (i === k ? v : w))),
    randomHash,
  );

describe('ExactHashIndex (property-based, fast-check)', () => {
  it('finds exactly what brute force finds at distance 0, through builds, adds, disables and re-enables', () => {
    fc.assert(
      fc.property(
        randomHash.chain((base) => {
          const hash = family(base);
          const op = fc.oneof(
            fc.record({ add: fc.array(hash, { minLength: 1, maxLength: 40 }) }),
            fc.record({ disable: fc.nat() }),
            fc.record({ enable: fc.nat() }),
          );
          return fc.tuple(fc.array(hash, { maxLength: 80 }), fc.array(op, { maxLength: 12 }), fc.array(hash, { maxLength: 10 }));
        }),
        ([built, ops, extraQueries]) => {
          const packed = Uint32Array.from(built.flat());
          const exact = ExactHashIndex.build(packed.slice());
          const brute = BruteForceIndex.build(packed.slice());
          const stored = [...built];
          for (const o of ops) {
            if ('add' in o) {
              const more = Uint32Array.from(o.add.flat());
              const first = brute.size;
              for (const h of o.add) brute.add(Uint32Array.from(h));
              expect(exact.addMany(more)).toBe(first);
              stored.push(...o.add);
            } else if (stored.length > 0) {
              const id = ('disable' in o ? o.disable : o.enable) % stored.length;
              if ('disable' in o) {
                exact.disable(id);
                brute.disable(id);
              } else {
                exact.enable(id);
                brute.enable(id);
              }
            }
          }
          expect(exact.activeSize).toBe(brute.activeSize);
          for (const q of [...stored, ...extraQueries].map((h) => Uint32Array.from(h))) expect(exact.search(q, 0)).toEqual(brute.search(q, 0));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps one id per list for a hash two lists share, grows past its first table, and answers distance 0 only', () => {
    const a = Uint32Array.from([1, 2, 3, 4, 0, 0, 0, 0]);
    const index = ExactHashIndex.build(new Uint32Array(0));
    for (let i = 0; i < 5000; i++) index.add(Uint32Array.from([i, i * 7, 0, 0, 0, 0, 0, 0]));
    index.add(a);
    index.add(a);
    expect(index.size).toBe(5002);
    expect(index.search(a, 0)).toEqual([
      { id: 5000, distance: 0 },
      { id: 5001, distance: 0 },
    ]);
    expect(index.search(Uint32Array.from([4999, 4999 * 7, 0, 0, 0, 0, 0, 0]), 0)).toEqual([{ id: 4999, distance: 0 }]);
    expect(index.search(Uint32Array.from([1, 2, 3, 5, 0, 0, 0, 0]), 0)).toEqual([]);
    expect(() => index.search(a, 1)).toThrow(/distance 0 only/);
  });
});
