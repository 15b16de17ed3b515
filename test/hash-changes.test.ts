import type { ContentHashed } from '@hotline/platform';
import { setHashEnabled, setHashEnabledIn } from '@hotline/hash-lists';
import { KnownIndex, type MatchThresholds } from '@hotline/matcher';
import { importRows } from './support/hash-lists';
import { createPgTestDb, type TestDb } from './support/test-db';
import { waitFor } from './support/pipeline';

const T: MatchThresholds = { blockhash: 16, pdq: 31, weakPdq: false };
const P1 = '9f'.repeat(32);
const P2 = '3c'.repeat(32);

function pdqQuery(pdq: string): Pick<ContentHashed, 'hashes' | 'pdqQuality' | 'pdqVariants'> {
  return {
    hashes: { md5: 'f'.repeat(32), sha1: 'f'.repeat(40), sha256: 'f'.repeat(64), blockhash: 'f'.repeat(64), pdq },
    pdqQuality: 100,
    pdqVariants: (['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlusOne', 'flipMinusOne'] as const).map((variant, i) => ({
      variant,
      hash: i === 0 ? pdq : '0'.repeat(64),
    })),
  };
}

describe('the hash_changes log on PostgreSQL', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('hash-changes');
    await importRows(t.db, { list: 'iwf', type: 'pdq', rows: [{ hash: P1 }, { hash: P2 }] });
  });
  afterEach(async () => t.drop());

  /** Someone waits for a lock on hash_changes (a writer queued behind another's uncommitted change). */
  const waitingOnChanges = async () => (await t.db.query(`SELECT 1 FROM pg_locks WHERE relation = 'hash_changes'::regclass AND NOT granted`)).rowCount > 0;

  it('item 11: a change that commits after a later-numbered one still reaches a running matcher', async () => {
    const index = new KnownIndex(false);
    await index.load(t.db);
    expect(index.match(pdqQuery(P1), T)).toHaveLength(1);

    // A: disables P1 and stays uncommitted.
    let inserted!: () => void;
    let release!: () => void;
    const aInserted = new Promise<void>((r) => (inserted = r));
    const gate = new Promise<void>((r) => (release = r));
    const a = t.db.transaction(async (tx) => {
      await setHashEnabledIn(tx, 'iwf', P1, false);
      inserted();
      await gate;
    });
    await aInserted;

    // B: disables P2. Unserialised, it takes the next seq and commits at once; serialised, it waits for A.
    let bCommitted = false;
    const b = setHashEnabled(t.db, 'iwf', P2, false).then(() => (bCommitted = true));
    const bWaited = await waitFor('B to commit or to queue behind A', async () => (bCommitted ? 'no' : (await waitingOnChanges()) ? 'yes' : false), 10000, 20);

    await index.applyChanges(t.db); // the matcher's refresh while A is open
    release();
    await a;
    await b;
    await index.applyChanges(t.db);

    expect(index.match(pdqQuery(P1), T)).toEqual([]); // A's disable was applied
    expect(index.match(pdqQuery(P2), T)).toEqual([]);
    expect(bWaited).toBe('yes');
    const seqs = await t.db.query<{ hash: string }>(
      `SELECT encode(k.hash, 'hex') AS hash FROM hash_changes c JOIN known_hashes k ON k.id = c.hash_id ORDER BY c.seq`,
    );
    expect(seqs.rows.map((r) => r.hash)).toEqual([P1, P2]); // seq order is commit order
  });
});
