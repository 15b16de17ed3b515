import { auditRowHash, recordAudit, verifyAuditChain, type Db } from '@hotline/platform';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

/** Five entries, each in its own transaction, as the actions that cause them would write them. */
async function appendFive(db: Db): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    await db.transaction((tx) =>
      recordAudit(tx, `analyst-${i % 2}`, 'review.decided', `review-item-${i}`, {
        decision: i % 2 ? 'confirmed' : 'dismissed',
        note: `ümlaut ✓ ${i}`,
        n: i,
        nested: { b: [1, 2], a: null },
      }),
    );
  }
}

describe.each([
  ['PostgreSQL', (name: string) => createPgTestDb(name)],
  ['PGlite', () => createPgliteTestDb()],
] as const)('audit log on %s', (_, open) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await open('audit_log');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 8: an intact chain verifies, and an entry rolled back with its action leaves neither a row nor a gap', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 0, head: null });
    await appendFive(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, 'analyst-1', 'review.decided', 'review-item-6', { decision: 'confirmed' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await t.db.transaction((tx) => recordAudit(tx, 'analyst-1', 'list.disabled', 'list:own', {}));
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, rows: 6 });
    const rows = (await t.db.query<{ seq: string | number; action: string; subject: string }>('SELECT seq, action, subject FROM audit_log ORDER BY seq')).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.subject)).not.toContain('review-item-6');
  });

  it('item 8: details hash the same when jsonb gives them back (key order, numbers, text), and what jsonb cannot keep is refused up front', async () => {
    const details = {
      z: 1,
      a: { y: [3, 0.30000000000000004, 1e21, -0, 5e-324], b: 'ümlaut 😀 \\u0000 literal' },
      when: new Date('2026-01-02T03:04:05.678Z'),
      gone: undefined,
      'key with spaces': true,
    };
    await t.db.transaction((tx) => recordAudit(tx, 'cli', 'test.details', 'subject', details));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 1 });
    for (const bad of [{ s: 'nul \u0000 here' }, { s: 'lone \ud800 half' }, { ['key \udc00']: 1 }]) {
      await expect(t.db.transaction((tx) => recordAudit(tx, 'cli', 'test.details', 'subject', bad))).rejects.toMatchObject({ code: 'invalid_request' });
    }
    await expect(t.db.transaction((tx) => recordAudit(tx, '', 'test.details', 'subject', {}))).rejects.toMatchObject({ code: 'invalid_request' });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 1 });
  });

  it('item 8: the verifier names a modified row', async () => {
    await appendFive(t.db);
    await t.db.query(`UPDATE audit_log SET details = jsonb_set(details, '{decision}', '"dismissed"') WHERE seq = 3`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: 3, problem: expect.stringMatching(/modified/) });
  });

  it('item 8: the verifier names a modified actor and a modified timestamp', async () => {
    await appendFive(t.db);
    await t.db.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 2 });
    await t.db.query(`UPDATE audit_log SET actor = 'analyst-0' WHERE seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 5 });
    await t.db.query(`UPDATE audit_log SET at = at - interval '1 millisecond' WHERE seq = 4`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 4, problem: expect.stringMatching(/modified/) });
  });

  it('item 8: the verifier names the row after a deleted one', async () => {
    await appendFive(t.db);
    await t.db.query('DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: 4, problem: expect.stringMatching(/seq 3 is missing/) });
  });

  it('item 8: the verifier names the first row when the first one was deleted', async () => {
    await appendFive(t.db);
    await t.db.query('DELETE FROM audit_log WHERE seq = 1');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 2, problem: expect.stringMatching(/seq 1 is missing/) });
  });

  it('item 8: a deleted row renumbered away is still found: the next row no longer links', async () => {
    await appendFive(t.db);
    await t.db.query('DELETE FROM audit_log WHERE seq = 3');
    await t.db.query('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('item 8: the verifier names the row after an inserted one, even when the intruder computed a valid hash for it', async () => {
    await appendFive(t.db);
    // The forger knows the algorithm: the inserted row links to row 2 and hashes correctly.
    await t.db.query('UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3');
    await t.db.query('UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103');
    const prev = (await t.db.query<{ hash: Uint8Array }>('SELECT hash FROM audit_log WHERE seq = 2')).rows[0]!.hash;
    const forged = {
      seq: 3,
      at: new Date('2026-01-01T00:00:00.000Z'),
      actor: 'analyst-9',
      action: 'review.decided',
      subject: 'review-item-x',
      details: { decision: 'dismissed' },
      prevHash: Buffer.from(prev),
    };
    await t.db.query('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      forged.seq,
      forged.at,
      forged.actor,
      forged.action,
      forged.subject,
      JSON.stringify(forged.details),
      forged.prevHash,
      auditRowHash(forged),
    ]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: 4, problem: expect.stringMatching(/does not link/) });
  });

  it('item 8: a row appended at the end by hand with a wrong link is named', async () => {
    await appendFive(t.db);
    await t.db.query(`INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
      SELECT 6, now(), 'x', 'y', 'z', '{}'::jsonb, hash, hash FROM audit_log WHERE seq = 4`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 6 });
  });
});

describe('audit log on PostgreSQL, concurrent writers', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('audit_concurrent');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 8: appends from concurrent transactions on separate connections keep one valid chain', async () => {
    // Each transaction does some work after its audit entry, so without serialisation two of them
    // would read the same previous row and fork the chain (or commit out of order).
    const writer = (w: number) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.db.transaction(async (tx) => {
            await recordAudit(tx, `writer-${w}`, 'test.append', `item-${w}-${i}`, { w, i });
            await tx.query('SELECT pg_sleep(0.002)');
          }),
        ),
      );
    await Promise.all([writer(1), writer(2)]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 40 });
  });
});
