import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, type Db, type ManualClock } from '@hotline/platform';
import { claimNext, listQueue, readSettings, renewLease, writeSettings } from '@hotline/reports';
import { disableKnownHash } from '@hotline/hash-lists';
import { closeFinishedReports, decideItem, decideReport, enqueueMatched, reviseItem, type ReviewContext } from '@hotline/review';
import { createPgTestDb, type TestDb } from './support/test-db';
import { outboxEvents, reviewTestContext, seedContent } from './support/review-seed';

const LEASE = 600;
const analyst = () => ({ userId: randomUUID(), senior: false });
const claim = (ctx: ReviewContext, who: { userId: string; senior: boolean }) =>
  claimNext(ctx.db, { userId: who.userId, senior: who.senior, now: ctx.clock.now(), leaseSeconds: LEASE });

describe('item 9: the review queue on PostgreSQL', () => {
  let t: TestDb;
  let db: Db;
  let ctx: ReviewContext;
  let clock: ManualClock;

  beforeAll(async () => {
    t = await createPgTestDb('review-queue');
    db = t.db;
    ({ ctx, clock } = await reviewTestContext(db));
  });

  afterAll(async () => {
    await t?.drop();
  });

  beforeEach(async () => {
    // Each test starts from an empty queue; earlier items are closed out of the way.
    await db.query(`UPDATE review_items SET status = 'decided', claimed_by = NULL, lease_until = NULL WHERE status <> 'decided'`);
    await writeSettings(db, { fourEyes: false, leaseSeconds: LEASE, breakEveryMinutes: 60, dailyExposureLimit: 200 });
  });

  it('never hands one item to two analysts: 40 concurrent claims over 20 items on separate connections', async () => {
    for (let i = 0; i < 20; i++) await seedContent(ctx);
    const analysts = Array.from({ length: 40 }, analyst);
    const claims = await Promise.all(analysts.map((a) => claim(ctx, a)));
    const got = claims.filter((c) => c !== null).map((c) => c!.itemId);
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
    const holders = await db.query<{ n: number }>(`SELECT count(DISTINCT claimed_by)::int AS n FROM review_items WHERE lease_until IS NOT NULL`);
    expect(holders.rows[0]!.n).toBe(20);
  });

  it('lets a lease expire silently: the item is claimable again, and the first analyst can neither renew nor decide', async () => {
    await seedContent(ctx);
    const [a, b] = [analyst(), analyst()];
    const first = (await claim(ctx, a))!;
    expect(await claim(ctx, b)).toBeNull();
    expect(await claim(ctx, a)).toMatchObject({ itemId: first.itemId }); // the one already held
    clock.advance(LEASE * 1000 + 1);
    const second = (await claim(ctx, b))!;
    expect(second.itemId).toBe(first.itemId);
    expect(await renewLease(db, { itemId: first.itemId, userId: a.userId, now: clock.now(), leaseSeconds: LEASE })).toBeNull();
    await expect(decideItem(ctx, first.itemId, a, { verdict: 'not_illegal' })).rejects.toMatchObject({ code: 'lease_lost', status: 409 });
    const done = await decideItem(ctx, second.itemId, b, { verdict: 'not_illegal' });
    expect(done.item.status).toBe('decided');
  });

  it('records a decision exactly once when it is submitted twice at the same moment, and refuses a different one after it', async () => {
    await seedContent(ctx);
    const a = analyst();
    const { itemId } = (await claim(ctx, a))!;
    const decision = { verdict: 'not_illegal' as const, contentType: 'image' as const };
    const [x, y] = await Promise.all([decideItem(ctx, itemId, a, decision), decideItem(ctx, itemId, a, decision)]);
    expect(x.decision.id).toBe(y.decision.id);
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM review_decisions WHERE item_id = $1', [itemId]);
    expect(n.rows[0]!.n).toBe(1);
    const again = await decideItem(ctx, itemId, a, decision);
    expect(again.decision.id).toBe(x.decision.id);
    const err = await decideItem(ctx, itemId, a, { verdict: 'baseline', iwfCategory: 'A' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ code: 'already_decided' });
    const other = await decideItem(ctx, itemId, analyst(), decision).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'already_decided' });
  });

  it('four-eyes: an illegal verdict waits for a second analyst; agreement decides it', async () => {
    await writeSettings(db, { ...(await readSettings(db)), fourEyes: true });
    await seedContent(ctx);
    const [a, b] = [analyst(), analyst()];
    const { itemId } = (await claim(ctx, a))!;
    const first = await decideItem(ctx, itemId, a, { verdict: 'baseline', iwfCategory: 'A' });
    expect(first.item.status).toBe('awaiting_second');
    expect(await claim(ctx, a)).toBeNull(); // not the one who decided first
    expect((await claim(ctx, b))!.itemId).toBe(itemId);
    const second = await decideItem(ctx, itemId, b, { verdict: 'baseline', iwfCategory: 'A' });
    expect(second.item.status).toBe('decided');
    expect(second.decision.stage).toBe('second');
  });

  it('four-eyes: disagreement makes the item disputed, claimable by seniors only, and the senior decides', async () => {
    await writeSettings(db, { ...(await readSettings(db)), fourEyes: true });
    await seedContent(ctx);
    const [a, b, c] = [analyst(), analyst(), analyst()];
    const senior = { userId: randomUUID(), senior: true };
    const { itemId } = (await claim(ctx, a))!;
    await decideItem(ctx, itemId, a, { verdict: 'national' });
    expect((await claim(ctx, b))!.itemId).toBe(itemId);
    expect((await decideItem(ctx, itemId, b, { verdict: 'not_illegal' })).item.status).toBe('disputed');
    expect(await claim(ctx, c)).toBeNull();
    await expect(
      decideReport(ctx, (await db.query<{ report_id: string }>('SELECT report_id FROM review_items WHERE id = $1', [itemId])).rows[0]!.report_id, c, {
        verdict: 'not_illegal',
      }),
    ).resolves.toMatchObject({
      decided: [],
      skipped: [{ itemId, code: 'needs_own_review', message: expect.any(String) }],
    });
    expect((await claim(ctx, senior))!.itemId).toBe(itemId);
    const resolved = await decideItem(ctx, itemId, senior, { verdict: 'national' });
    expect(resolved.decision.stage).toBe('senior');
    expect(resolved.item.status).toBe('decided');
  });

  it('bulk decision skips items another analyst holds and items waiting for second eyes, saying why', async () => {
    await writeSettings(db, { ...(await readSettings(db)), fourEyes: true });
    const one = await seedContent(ctx);
    await seedContent(ctx, { reportId: one.reportId });
    await seedContent(ctx, { reportId: one.reportId });
    const [a, b] = [analyst(), analyst()];
    const first = (await claim(ctx, b))!;
    await decideItem(ctx, first.itemId, b, { verdict: 'baseline', iwfCategory: 'A' });
    const held = (await claim(ctx, b))!;
    const free = (await listQueue(db, { limit: 10, offset: 0 })).items.find((i) => i.id !== first.itemId && i.id !== held.itemId)!;
    const bulk = await decideReport(ctx, one.reportId, a, { verdict: 'not_illegal' });
    expect(bulk.decided).toEqual([{ itemId: free.id, status: 'decided' }]);
    expect(bulk.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: first.itemId, code: 'needs_own_review' }),
        expect.objectContaining({ itemId: held.itemId, code: 'leased_by_other' }),
      ]),
    );
    expect(bulk.skipped).toHaveLength(2);
    const decisions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM review_decisions WHERE decided_by = $1', [a.userId]);
    expect(decisions.rows[0]!.n).toBe(1);
  });

  it('resolves a second report of decided bytes at once, linked to the decision, never claimable, and closes that report', async () => {
    const first = await seedContent(ctx);
    const a = analyst();
    const { itemId } = (await claim(ctx, a))!;
    const decided = await decideItem(ctx, itemId, a, { verdict: 'baseline', iwfCategory: 'B' });
    const again = await seedContent(ctx, { sha256: first.sha256 });
    expect(again.outcome).toBe('auto_resolved');
    expect(await claim(ctx, analyst())).toBeNull();
    const src = await db.query<{ item_id: string; auto_decision_id: string }>(
      'SELECT item_id, auto_decision_id::text FROM review_sources WHERE source_key = $1',
      [again.contentId],
    );
    expect(src.rows[0]).toEqual({ item_id: itemId, auto_decision_id: decided.decision.id });
    const audit = await db.query<{ actor: string; subject: string }>(`SELECT actor, subject FROM audit_log WHERE action = 'item.auto_resolved'`);
    expect(audit.rows).toContainEqual({ actor: 'review', subject: itemId });
    const closed = (await outboxEvents(db, 'report.closed')).find((e) => e.reportId === again.reportId);
    expect(closed).toMatchObject({ outcome: { baseline: 1, national: 0, not_illegal: 0, not_reachable: 0 } });
    const announced = (await outboxEvents(db, 'review.decided')).filter((e) => e.itemId === itemId);
    expect(announced.map((e) => e.autoResolved)).toEqual([false, true]);
    expect(announced[0]).toMatchObject({ decisionId: decided.decision.id });
    expect(announced[0]!.sourceId).toBeUndefined();
    expect(announced[1]).toMatchObject({
      decisionId: decided.decision.id,
      sourceId: again.contentId,
      reportIds: [again.reportId],
      classification: { verdict: 'baseline', iwfCategory: 'B' },
    });
  });

  it('lets a senior revise a decided item: audited, announced again, and new copies take the revision', async () => {
    const c = await seedContent(ctx);
    const a = analyst();
    const senior = { userId: randomUUID(), senior: true };
    const { itemId } = (await claim(ctx, a))!;
    const first = await decideItem(ctx, itemId, a, { verdict: 'not_illegal' });
    await expect(reviseItem(ctx, randomUUID(), senior, { verdict: 'national' })).rejects.toMatchObject({ status: 404 });
    const revised = await reviseItem(ctx, itemId, senior, { verdict: 'baseline', iwfCategory: 'C' });
    expect(revised.decision).toMatchObject({ stage: 'revision', verdict: 'baseline', decidedBy: senior.userId });
    const audit = await db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'item.revised' AND subject = $1`, [
      itemId,
    ]);
    expect(audit.rows[0]!.details).toMatchObject({ decisionId: revised.decision.id, previousDecisionId: first.decision.id, verdict: 'baseline' });
    const again = await seedContent(ctx, { sha256: c.sha256 });
    expect(again.outcome).toBe('auto_resolved');
    const announced = (await outboxEvents(db, 'review.decided')).filter((e) => e.itemId === itemId);
    expect(announced.map((e) => [e.decisionId, e.classification.verdict, e.autoResolved])).toEqual([
      [first.decision.id, 'not_illegal', false],
      [revised.decision.id, 'baseline', false],
      [revised.decision.id, 'baseline', true],
    ]);
    // A second revision is the effective one from then on.
    const twice = await reviseItem(ctx, itemId, senior, { verdict: 'not_illegal' });
    expect((await seedContent(ctx, { sha256: c.sha256 })).outcome).toBe('auto_resolved');
    expect((await outboxEvents(db, 'review.decided')).filter((e) => e.itemId === itemId).at(-1)).toMatchObject({
      decisionId: twice.decision.id,
      autoResolved: true,
    });
  });

  it('stops auto-resolving copies of bytes whose own SHA-256 was disabled as a false positive: the next copy goes to an analyst', async () => {
    const c = await seedContent(ctx);
    const [a, b] = [analyst(), analyst()];
    const { itemId } = (await claim(ctx, a))!;
    await decideItem(ctx, itemId, a, { verdict: 'baseline', iwfCategory: 'A' });
    const own = await db.query<{ id: string }>(
      `SELECT k.id::text FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id WHERE l.name = 'hotline-own-sha256' AND k.hash = decode($1, 'hex')`,
      [c.sha256],
    );
    await db.transaction((tx) => disableKnownHash(tx, own.rows[0]!.id));
    const copy = await seedContent(ctx, { sha256: c.sha256 });
    expect(copy.outcome).toBe('joined');
    const reclaimed = (await claim(ctx, b))!;
    expect(reclaimed.itemId).toBe(itemId);
    const redecided = await decideItem(ctx, itemId, b, { verdict: 'not_illegal' });
    expect(redecided.decision.stage).toBe('revision');
    expect(redecided.item.status).toBe('decided');
    const closed = (await outboxEvents(db, 'report.closed')).find((e) => e.reportId === copy.reportId);
    expect(closed).toMatchObject({ outcome: { not_illegal: 1, baseline: 0 } });
    // Decided not illegal now: later copies are resolved with that.
    expect((await seedContent(ctx, { sha256: c.sha256 })).outcome).toBe('auto_resolved');
  });

  it('offers the decision of a PDQ near-duplicate as a prefill, without deciding the new item', async () => {
    const base = await seedContent(ctx);
    const a = analyst();
    const { itemId } = (await claim(ctx, a))!;
    const d = await decideItem(ctx, itemId, a, { verdict: 'not_illegal', contentType: 'image' });
    // 20 of 256 bits flipped: within 31.
    const bits = Buffer.from(base.pdq, 'hex');
    for (let i = 0; i < 20; i++) bits[i] = bits[i]! ^ 0x01;
    const near = await seedContent(ctx, { pdq: bits.toString('hex') });
    const far = await seedContent(ctx, { pdq: randomBytes(32).toString('hex') });
    const rows = await db.query<{ content_id: string; status: string; prefill: string | null }>(
      'SELECT content_id, status, prefill_decision_id::text AS prefill FROM review_items WHERE content_id = ANY($1::uuid[])',
      [[near.contentId, far.contentId]],
    );
    expect(rows.rows.find((r) => r.content_id === near.contentId)).toEqual({ content_id: near.contentId, status: 'pending', prefill: d.decision.id });
    expect(rows.rows.find((r) => r.content_id === far.contentId)?.prefill).toBeNull();
  });

  it('feeds an illegal decision’s SHA-256, PDQ and blockhash to the hotline’s own lists, logged for the matchers', async () => {
    const c = await seedContent(ctx);
    const a = analyst();
    const { itemId } = (await claim(ctx, a))!;
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hash_changes WHERE kind = 'added'`);
    await decideItem(ctx, itemId, a, { verdict: 'baseline', iwfCategory: 'A' });
    const own = await db.query<{ name: string; source: string; category: string; hash: string }>(
      `SELECT l.name, l.source, k.category, encode(k.hash, 'hex') AS hash FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id
        WHERE k.note = (SELECT 'decision ' || id FROM review_decisions WHERE item_id = $1) ORDER BY l.name`,
      [itemId],
    );
    expect(own.rows.map((r) => r.name)).toEqual(['hotline-own-blockhash', 'hotline-own-pdq', 'hotline-own-sha256']);
    expect(own.rows.every((r) => r.source === 'own' && r.category === 'A')).toBe(true);
    expect(own.rows.find((r) => r.name === 'hotline-own-sha256')!.hash).toBe(c.sha256);
    const after = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hash_changes WHERE kind = 'added'`);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(3);
  });

  it('closes a report and announces report.closed only when its last item is decided', async () => {
    const one = await seedContent(ctx);
    await seedContent(ctx, { reportId: one.reportId });
    const a = analyst();
    const closedAt = async () => (await db.query<{ closed_at: Date | null }>('SELECT closed_at FROM reports WHERE id = $1', [one.reportId])).rows[0]!.closed_at;
    const first = (await claim(ctx, a))!;
    await decideItem(ctx, first.itemId, a, { verdict: 'not_illegal' });
    expect(await closedAt()).toBeNull();
    const second = (await claim(ctx, a))!;
    await decideItem(ctx, second.itemId, a, { verdict: 'national' });
    expect(await closedAt()).not.toBeNull();
    expect((await outboxEvents(db, 'report.closed')).filter((e) => e.reportId === one.reportId)).toEqual([
      { reportId: one.reportId, closedAt: clock.now().toISOString(), outcome: { baseline: 0, national: 1, not_illegal: 1, not_reachable: 0 } },
    ]);
  });

  it('closes a report exactly once when its two items are decided at the same moment, round after round', async () => {
    for (let round = 0; round < 15; round++) {
      const one = await seedContent(ctx);
      await seedContent(ctx, { reportId: one.reportId });
      const [a, b] = [analyst(), analyst()];
      const x = (await claim(ctx, a))!;
      const y = (await claim(ctx, b))!;
      await Promise.all([decideItem(ctx, x.itemId, a, { verdict: 'not_illegal' }), decideItem(ctx, y.itemId, b, { verdict: 'not_reachable' })]);
      const closed = await db.query<{ closed_at: Date | null }>('SELECT closed_at FROM reports WHERE id = $1', [one.reportId]);
      expect({ round, closed: closed.rows[0]!.closed_at !== null }).toEqual({ round, closed: true });
      expect((await outboxEvents(db, 'report.closed')).filter((e) => e.reportId === one.reportId)).toHaveLength(1);
    }
  });

  it('closes, as a safety net, a finished report that was left open, and announces it once', async () => {
    const one = await seedContent(ctx);
    const a = analyst();
    await decideItem(ctx, (await claim(ctx, a))!.itemId, a, { verdict: 'not_illegal' });
    // As if a decision had committed without closing it.
    await db.query('UPDATE reports SET closed_at = NULL WHERE id = $1', [one.reportId]);
    await db.query(`DELETE FROM outbox WHERE topic = 'report.closed' AND envelope::text LIKE $1`, [`%${one.reportId}%`]);
    expect(await closeFinishedReports(ctx)).toBeGreaterThanOrEqual(1);
    expect(await closeFinishedReports(ctx)).toBe(0);
    expect((await outboxEvents(db, 'report.closed')).filter((e) => e.reportId === one.reportId)).toEqual([
      { reportId: one.reportId, closedAt: clock.now().toISOString(), outcome: { baseline: 0, national: 0, not_illegal: 1, not_reachable: 0 } },
    ]);
  });

  it('refuses, as a typed error that is not retried, a content.matched for content that was never hashed', async () => {
    const err = await enqueueMatched(ctx, { contentId: randomUUID(), reportId: randomUUID(), matches: [], matchCount: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ code: 'content_not_hashed', retriable: false });
  });

  it('orders the queue: known material by category rank and distance first, then new content by age', async () => {
    const m = (category: string | null, distance: number) => ({
      listName: 'l',
      listSource: 'own',
      hashType: 'pdq' as const,
      distance,
      category,
      knownHashId: '1',
      variant: null,
    });
    const fresh = await seedContent(ctx);
    const c = await seedContent(ctx, { matches: [m('C', 0)] });
    const a2 = await seedContent(ctx, { matches: [m('A', 9)] });
    const a1 = await seedContent(ctx, { matches: [m('A', 2)] });
    const q = await listQueue(db, { limit: 10, offset: 0 });
    expect(q.items.map((i) => i.contentId)).toEqual([a1.contentId, a2.contentId, c.contentId, fresh.contentId]);
  });
});
