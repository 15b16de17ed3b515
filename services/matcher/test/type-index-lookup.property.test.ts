import fc from 'fast-check';
import { TypeIndex } from '../src/type-index';

/** Random imports (ids ascending or shuffled, as a heap-order COPY may give them) and disables/enables by database id. */
const scenario = fc.record({
  batches: fc.array(fc.record({ count: fc.integer({ min: 0, max: 40 }), shuffled: fc.boolean(), seed: fc.integer() }), { minLength: 1, maxLength: 5 }),
  ops: fc.array(fc.record({ pick: fc.nat(), off: fc.boolean(), absent: fc.boolean() }), { maxLength: 60 }),
});

function shuffle(a: number[], seed: number): number[] {
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('a TypeIndex found by database id', () => {
  it('item 12: disables and enables by id exactly as a walk over every entry would', () => {
    fc.assert(
      fc.property(scenario, ({ batches, ops }) => {
        let t: TypeIndex | null = null;
        let nextDbId = 1;
        const all: number[] = []; // entry id -> dbId, the oracle's view
        for (const b of batches) {
          // Each import brings ids above every earlier one (gaps where rows were deleted), in heap order or not.
          let ids = Array.from({ length: b.count }, (_, i) => nextDbId + 2 * i);
          nextDbId += 2 * b.count + 2; // stays odd: a gap of one id
          if (b.shuffled) ids = shuffle(ids, b.seed);
          const packed = new Uint32Array(ids.length * 8).map((_, k) => ids[k >> 3]! * 8 + (k & 7));
          if (!t) {
            t = TypeIndex.adopt(
              'pdq',
              packed,
              { dbIds: Float64Array.from(ids), listIds: new Uint32Array(ids.length), categories: new Uint32Array(ids.length), off: new Uint8Array(ids.length) },
              ids.length,
            );
          } else {
            const first = t.index.addMany(packed);
            ids.forEach((dbId, i) => t!.setMeta(first + i, dbId, 0, 0, 0));
          }
          all.push(...ids);
        }
        const oracleOff = new Map(all.map((d) => [d, false]));
        for (const op of ops) {
          const dbId = op.absent || all.length === 0 ? 2 * (op.pick % (nextDbId + 1)) : all[op.pick % all.length]!; // even ids are never assigned
          const walked = all.indexOf(dbId);
          expect(t!.entryOf(dbId)).toBe(walked);
          expect(t!.setHashOffByDbId(dbId, op.off)).toBe(walked >= 0);
          if (walked >= 0) oracleOff.set(dbId, op.off);
        }
        all.forEach((dbId, id) => expect((t!.off[id]! & 1) === 1).toBe(oracleOff.get(dbId)));
      }),
      { numRuns: 300 },
    );
  });
});
