import { PgDb } from '@hotline/platform';
import { KnownIndex } from '@hotline/matcher';
import { importRows } from './support/hash-lists';
import { createPgTestDb, type TestDb } from './support/test-db';

/**
 * DATABASE_STATEMENT_TIMEOUT_MS bounds the pipeline's queries; the transactions that legitimately
 * run for minutes at 10M hashes lift it. Here the "long" part is a wait on a lock another
 * transaction holds for longer than the timeout, which counts against it like a slow COPY does.
 */
describe('long list transactions under a statement timeout', () => {
  let t: TestDb;
  let timed: PgDb;
  beforeEach(async () => {
    t = await createPgTestDb('statement-timeout');
    await importRows(t.db, { list: 'iwf', type: 'pdq', rows: [{ hash: '9f'.repeat(32) }] });
    timed = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, schema: t.schema, statementTimeoutMs: 200 });
  });
  afterEach(async () => {
    await timed.close();
    await t.drop();
  });

  /** Runs `lockSql` in a transaction of its own, held for 700 ms, while `work` runs. */
  async function whileLocked<T>(lockSql: string, work: () => Promise<T>): Promise<T> {
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.exec(lockSql);
      locked();
      await new Promise((r) => setTimeout(r, 700));
    });
    await isLocked;
    try {
      return await work();
    } finally {
      await holder;
    }
  }

  it('item 4: a list import waits out another import however long it takes', async () => {
    const result = await whileLocked('SELECT pg_advisory_xact_lock(72615321)', () =>
      importRows(timed, { list: 'iwf', type: 'pdq', rows: [{ hash: '3c'.repeat(32) }] }),
    );
    expect(result.added).toBe(1);
  });

  it("item 4: a matcher's load waits out a bulk import's table lock however long it takes", async () => {
    const index = new KnownIndex(false);
    await whileLocked('LOCK TABLE known_hashes IN ACCESS EXCLUSIVE MODE', () => index.load(timed));
    expect(index.size).toBe(1);
  });
});
