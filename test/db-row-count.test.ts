import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';

// Stores answer "does it exist?" with `rowCount > 0` (passkey challenges, users, contents): both drivers must
// count the rows a SELECT returned as node-postgres does, not only the rows a statement changed.
describe.each([
  ['PGlite', () => createPgliteTestDb()],
  ['PostgreSQL', () => createPgTestDb('db_row_count')],
])('rowCount on %s', (_name, open) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await open();
    await t.db.exec('CREATE TABLE row_count_probe (n int)');
    await t.db.query('INSERT INTO row_count_probe VALUES (1), (2), (3)');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('counts the rows a SELECT returned, in and out of a transaction', async () => {
    expect((await t.db.query('SELECT n FROM row_count_probe WHERE n > 1')).rowCount).toBe(2);
    expect(await t.db.transaction(async (tx) => (await tx.query('SELECT 1 FROM row_count_probe WHERE n = 3')).rowCount)).toBe(1);
    expect((await t.db.query('SELECT n FROM row_count_probe WHERE n > 9')).rowCount).toBe(0);
  });

  it('counts the rows an UPDATE or DELETE changed', async () => {
    expect((await t.db.query('UPDATE row_count_probe SET n = n + 10 WHERE n < 3')).rowCount).toBe(2);
    expect((await t.db.transaction(async (tx) => tx.query('DELETE FROM row_count_probe WHERE n > 10'))).rowCount).toBe(2);
  });
});
