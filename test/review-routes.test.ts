import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ManualClock } from '@hotline/platform';
import { claimNext } from '@hotline/reports';
import { buildReviewApp, decideItem, type ReviewContext } from '@hotline/review';
import { importRows } from './support/hash-lists';
import { reviewTestContext, seedContent } from './support/review-seed';
import { texturedPng } from './support/images';
import { createApiToken, createUser, loginAs, type ReviewClient, type TestUser } from './support/review-session';
import { createPgliteTestDb, type TestDb } from './support/test-db';

/** The routes behind the real accounts guard: each caller logs in with password and TOTP code (or uses an API token). */
describe('item 9: review routes and their roles', () => {
  let t: TestDb;
  let ctx: ReviewContext;
  let clock: ManualClock;
  let server: Server;
  let base: string;
  const users = {} as Record<'analyst' | 'other' | 'senior' | 'admin', TestUser>;
  const as = {} as Record<'analyst' | 'other' | 'senior' | 'admin', ReviewClient>;
  /** Leaves only what a test seeds open, so a claim hands over that. */
  const emptyQueue = () => t.db.query(`UPDATE review_items SET status = 'decided', claimed_by = NULL, lease_until = NULL WHERE status <> 'decided'`);
  const itemOf = async (contentId: string) =>
    (await t.db.query<{ id: string }>('SELECT item_id AS id FROM review_sources WHERE content_id = $1', [contentId])).rows[0]!.id;

  beforeAll(async () => {
    t = await createPgliteTestDb();
    ({ ctx, clock } = await reviewTestContext(t.db));
    server = buildReviewApp(ctx).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [name, role] of [
      ['analyst', 'analyst'],
      ['other', 'analyst'],
      ['senior', 'senior'],
      ['admin', 'admin'],
    ] as const) {
      users[name] = await createUser(t.db, ctx.secrets.accountsKey, { role, clock });
      as[name] = await loginAs(base, users[name], clock);
    }
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  it('shows a closed report to seniors only, and lists passive files for seniors only', async () => {
    const who = { userId: users.analyst.id, senior: false };
    await emptyQueue();
    const c2 = await seedContent(ctx);
    const claimed = (await claimNext(ctx.db, { userId: who.userId, senior: false, now: clock.now(), leaseSeconds: 600 }))!;
    await decideItem(ctx, claimed.itemId, who, { verdict: 'not_illegal' });
    expect((await as.analyst.get(`/api/reports/${c2.reportId}`)).status).toBe(403);
    const senior = await as.senior.get(`/api/reports/${c2.reportId}`);
    expect(senior.status).toBe(200);
    expect(await senior.json()).toMatchObject({ reportId: c2.reportId, closed: true, description: 'seeded', language: 'en' });
    expect((await as.analyst.get('/api/reports?closed=true')).status).toBe(403);
    const files = (await (await as.senior.get('/api/reports?closed=true')).json()) as { reports: Array<{ reportId: string }> };
    expect(files.reports.map((r) => r.reportId)).toContain(c2.reportId);
    expect((await as.senior.get('/api/reports')).status).toBe(400);
  });

  it('lets an analyst see items of open reports and the ones they hold or decided, reveal only what they hold; seniors see all', async () => {
    const png = await texturedPng(120, 90, 5);
    await emptyQueue();
    const c = await seedContent(ctx, { blob: png });
    const itemId = await itemOf(c.contentId);
    // Open report: visible to every analyst, but the full image only to whoever holds the item.
    expect((await as.other.get(`/api/items/${itemId}`)).status).toBe(200);
    expect((await as.other.get(`/api/items/${itemId}/thumbnail`)).status).toBe(200);
    const noLease = await as.other.get(`/api/items/${itemId}/image`);
    expect([noLease.status, ((await noLease.json()) as { error: { code: string } }).error.code]).toEqual([403, 'lease_required']);
    const claimed = (await (await as.analyst.post('/api/queue/claim')).json()) as { id: string };
    expect(claimed.id).toBe(itemId);
    expect((await as.analyst.get(`/api/items/${itemId}/image`)).status).toBe(200);
    expect((await as.other.get(`/api/items/${itemId}/image`)).status).toBe(403);
    expect((await as.analyst.post(`/api/items/${itemId}/decision`, { verdict: 'not_illegal' })).status).toBe(200);
    // The report is closed now: a passive file.
    expect((await as.analyst.get(`/api/items/${itemId}`)).status).toBe(200); // they decided it
    const closed = await as.other.get(`/api/items/${itemId}`);
    expect([closed.status, ((await closed.json()) as { error: { code: string } }).error.code]).toEqual([403, 'item_not_visible']);
    expect((await as.other.get(`/api/items/${itemId}/thumbnail`)).status).toBe(403);
    expect((await as.analyst.get(`/api/items/${itemId}/image`)).status).toBe(403); // no lease any more
    expect((await as.senior.get(`/api/items/${itemId}`)).status).toBe(200);
    const senior = await as.senior.get(`/api/items/${itemId}/image`);
    expect(senior.status).toBe(200);
    expect(Buffer.from(await senior.arrayBuffer()).equals(png)).toBe(true);
    const reveals = await t.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'item.revealed' AND subject = $1 ORDER BY seq`, [itemId]);
    expect(reveals.rows.map((r) => r.actor)).toEqual([users.analyst.id, users.senior.id]);
  });

  it('answers 410 content_missing for the image and thumbnail once retention deleted the bytes, and says so in the item, without counting a reveal', async () => {
    await emptyQueue();
    const c = await seedContent(ctx, { blob: await texturedPng(80, 60, 8) });
    const itemId = await itemOf(c.contentId);
    await t.db.query('UPDATE contents SET bytes_deleted_at = $2 WHERE id = $1', [c.contentId, clock.now()]);
    await t.db.query('DELETE FROM content_blobs WHERE key = $1', [`content/${c.contentId}`]);
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'item.revealed' AND subject = $1`, [itemId]);
    for (const path of ['image', 'thumbnail']) {
      const res = await as.senior.get(`/api/items/${itemId}/${path}`);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([410, 'content_missing']);
    }
    const detail = (await (await as.senior.get(`/api/items/${itemId}`)).json()) as { bytesDeletedAt: string | null; sha256?: string };
    expect(detail.bytesDeletedAt).toBe(clock.now().toISOString());
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'item.revealed' AND subject = $1`, [itemId]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('lets a senior, not an analyst, disable a known hash as a false positive, audited and logged for the matchers', async () => {
    await importRows(t.db, { list: 'fp-list', type: 'sha256', rows: [{ hash: 'ab'.repeat(32), category: 'A1' }] });
    const id = (await t.db.query<{ id: string }>(`SELECT id::text FROM known_hashes ORDER BY id DESC LIMIT 1`)).rows[0]!.id;
    expect((await as.analyst.post(`/api/hashes/${id}/false-positive`, {})).status).toBe(403);
    const res = await as.senior.post(`/api/hashes/${id}/false-positive`, { note: 'a logo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, list: 'fp-list', enabled: false });
    const change = await t.db.query<{ kind: string }>(`SELECT kind FROM hash_changes WHERE hash_id = $1`, [id]);
    expect(change.rows).toEqual([{ kind: 'hash_disabled' }]);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = $1`, [`known_hash:${id}`]);
    expect(audit.rows).toEqual([{ action: 'hash.false_positive' }]);
    expect((await as.senior.post('/api/hashes/999999/false-positive', {})).status).toBe(404);
    expect((await as.senior.post('/api/hashes/x/false-positive', {})).status).toBe(400);
  });

  it('changes settings only for an admin session that re-authenticated recently, and audits the change', async () => {
    const next = { fourEyes: true, leaseSeconds: 300, breakEveryMinutes: 45, dailyExposureLimit: 150 };
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    expect((await as.senior.reauth()).status).toBe(204);
    const senior = await as.senior.put('/api/settings', next);
    expect([senior.status, await codeOf(senior)]).toEqual([403, 'forbidden']);
    const token = await createApiToken(t.db, ctx.secrets.accountsKey, { role: 'admin' });
    const byToken = await fetch(`${base}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(next),
    });
    expect([byToken.status, await codeOf(byToken)]).toEqual([403, 'reauth_required']);
    expect((await as.admin.reauth()).status).toBe(204);
    expect((await as.admin.put('/api/settings', { ...next, leaseSeconds: 5 })).status).toBe(400);
    const ok = await as.admin.put('/api/settings', next);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(next);
    expect(await (await as.analyst.get('/api/settings')).json()).toEqual(next);
    const audit = await t.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'settings.changed'`);
    expect(audit.rows[0]!.details).toMatchObject({ after: next, before: { fourEyes: false, leaseSeconds: 600 } });
    clock.advance(6 * 60_000); // past REVIEW_REAUTH_MINUTES
    const stale = await as.admin.put('/api/settings', next);
    expect([stale.status, await codeOf(stale)]).toEqual([403, 'reauth_required']);
    expect((await as.admin.reauth()).status).toBe(204);
    const back = { fourEyes: false, leaseSeconds: 600, breakEveryMinutes: 60, dailyExposureLimit: 200 };
    expect((await as.admin.put('/api/settings', back)).status).toBe(200);
  });

  it('counts reveals per analyst and says when a break is due', async () => {
    const png = await texturedPng(200, 150, 3);
    await emptyQueue();
    const c = await seedContent(ctx, { blob: png });
    const itemId = await itemOf(c.contentId);
    const u = as.other;
    const exposure = async () => (await (await u.get('/api/me/exposure')).json()) as Record<string, unknown>;
    expect(await exposure()).toEqual({ today: 0, limit: 200, breakDue: false, breakEveryMinutes: 60 });
    expect(((await (await u.post('/api/queue/claim')).json()) as { id: string }).id).toBe(itemId);
    const image = await u.get(`/api/items/${itemId}/image`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    for (let i = 0; i < 7; i++) {
      clock.advance(9 * 60_000); // never a 10-minute pause; the lease (600 s) renewed in time
      expect((await u.post(`/api/items/${itemId}/lease`)).status).toBe(200);
      expect((await u.get(`/api/items/${itemId}/image`)).status).toBe(200);
    }
    expect(await exposure()).toEqual({ today: 8, limit: 200, breakDue: true, breakEveryMinutes: 60 });
    clock.advance(15 * 60_000);
    expect((await u.post('/api/queue/claim')).status).toBe(200); // the lease ran out; the same item again
    expect((await u.get(`/api/items/${itemId}/image`)).status).toBe(200);
    expect(await exposure()).toMatchObject({ today: 9, breakDue: false });
    // Thumbnails are not reveals.
    expect((await u.get(`/api/items/${itemId}/thumbnail`)).status).toBe(200);
    expect(await exposure()).toMatchObject({ today: 9 });
    await u.del(`/api/items/${itemId}/lease`);
  });

  it('summarises the queue on the dashboard', async () => {
    await seedContent(ctx);
    const fresh = await loginAs(base, users.analyst, clock); // the morning's session has gone idle by now
    const d = (await (await fresh.get('/api/dashboard')).json()) as Record<string, any>;
    expect(d.openByKind.content).toBeGreaterThanOrEqual(1);
    expect(d.perDay).toHaveLength(14);
    expect(d.perDay[13].day).toBe(clock.now().toISOString().slice(0, 10));
    expect(d.decisionsToday).toBe(d.perDay[13].decisions);
    expect(d.decisionsToday).toBeGreaterThanOrEqual(1);
    expect(typeof d.reportToDecision.medianSeconds).toBe('number');
  });

  it('answers every declared route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/queue/claim', '/api/items/{id}/decision', '/api/items/{id}/image', '/api/settings', '/api/hashes/{id}/false-positive']),
    );
  });
});
