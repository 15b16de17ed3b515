import type { ContentHashed } from '@hotline/platform';
import { setHashEnabled } from '@hotline/hash-lists';
import { KnownIndex, type MatchThresholds } from '@hotline/matcher';
import { importRows } from './support/hash-lists';
import { createPgTestDb, type TestDb } from './support/test-db';

const T: MatchThresholds = { blockhash: 16, pdq: 31, weakPdq: false };
const N = 5000;
/** Far-apart PDQ hashes: hash i repeats a 64-bit mix of i four times, so no two are within 31 bits by chance. */
function hashOf(i: number): string {
  let x = BigInt(i + 1) * 0x9e3779b97f4a7c15n;
  x &= (1n << 64n) - 1n;
  x ^= x >> 29n;
  return x.toString(16).padStart(16, '0').repeat(4);
}

function pdqQuery(pdq: string): Pick<ContentHashed, 'hashes' | 'pdqQuality' | 'pdqVariants'> {
  return {
    hashes: { md5: 'f'.repeat(32), sha1: 'f'.repeat(40), sha256: 'f'.repeat(64), blockhash: 'f'.repeat(64), pdq },
    pdqQuality: 100,
    pdqVariants: (['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlusOne', 'flipMinusOne'] as const).map((variant) => ({
      variant,
      hash: pdq,
    })),
  };
}

/** The index's per-entry database ids, behind a proxy that counts the entries read. */
function countReads(index: KnownIndex): { reads: number } {
  const counter = { reads: 0 };
  const t = (index as unknown as { types: Map<string, { dbIds: Float64Array }> }).types.get('pdq')!;
  t.dbIds = new Proxy(t.dbIds, {
    get(target, p) {
      if (typeof p === 'string' && /^\d+$/.test(p)) counter.reads++;
      const v = Reflect.get(target, p, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return counter;
}

describe('disabling one known hash', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgTestDb('index-lookup');
    await importRows(t.db, { list: 'iwf', type: 'pdq', rows: Array.from({ length: N }, (_, i) => ({ hash: hashOf(i) })) });
  });
  afterAll(async () => t.drop());

  it('item 12: finds the entry by its id, reading a few entries instead of walking the whole index', async () => {
    const index = new KnownIndex(false);
    await index.load(t.db);
    expect(index.size).toBe(N);
    const victim = hashOf(3210);
    expect(index.match(pdqQuery(victim), T)).toHaveLength(1);

    const counter = countReads(index);
    await setHashEnabled(t.db, 'iwf', victim, false);
    expect(await index.applyChanges(t.db)).toBe(1);
    expect(index.match(pdqQuery(victim), T)).toEqual([]);
    expect(index.match(pdqQuery(hashOf(3211)), T)).toHaveLength(1);
    // A binary search over 5,000 ids reads about 13 of them; the walk it replaces read all 5,000.
    expect(counter.reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(N)));

    await setHashEnabled(t.db, 'iwf', victim, true);
    await index.applyChanges(t.db);
    expect(index.match(pdqQuery(victim), T)).toHaveLength(1);
  });
});
