import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ManualClock } from '@hotline/platform';
import { claimNext } from '@hotline/reports';
import { buildReviewApp, decideItem, type Guard, type ReviewContext, type Role } from '@hotline/review';
import { importRows } from './support/hash-lists';
import { reviewTestContext, seedContent } from './support/review-seed';
import { texturedPng } from './support/images';
import { createPgliteTestDb, type TestDb } from './support/test-db';

/**
 * The routes behind a stand-in guard: `x-test-role` and `x-test-user` say who calls, `x-test-via`
 * session or token, `x-test-reauth` when the session last re-authenticated. The accounts guard replaces
 * it in production; the routes and their role checks are the real ones.
 */
function testGuard(clock: ManualClock): Guard {
  return {
    async authenticate(req) {
      const role = req.get('x-test-role') as Role | undefined;
      if (!role) return null;
      const via = (req.get('x-test-via') ?? 'token') as 'session' | 'token';
      const reauth = req.get('x-test-reauth');
      return {
        userId: req.get('x-test-user') ?? '00000000-0000-4000-8000-00000000000a',
        username: role,
        role,
        via,
        sessionId: via === 'session' ? randomUUID() : null,
        reauthenticatedAt: reauth ? new Date(clock.now().getTime() - Number(reauth) * 60_000) : null,
      };
    },
    csrfOk: () => true,
  };
}

describe('item 9: review routes and their roles', () => {
  let t: TestDb;
  let ctx: ReviewContext;
  let clock: ManualClock;
  let server: Server;
  let base: string;
  const as = (role: Role, extra: Record<string, string> = {}) => ({ 'x-test-role': role, 'content-type': 'application/json', ...extra });

  beforeAll(async () => {
    t = await createPgliteTestDb();
    ({ ctx, clock } = await reviewTestContext(t.db));
    server = buildReviewApp(ctx, { guard: testGuard(clock) }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  it('shows a closed report to seniors only, and lists passive files for seniors only', async () => {
    const c = await seedContent(ctx);
    const who = { userId: randomUUID(), senior: false };
    const claimed = (await claimNext(ctx.db, { userId: who.userId, senior: false, now: clock.now(), leaseSeconds: 600 }))!;
    await decideItem(ctx, claimed.itemId, who, { verdict: 'not_illegal' });
    const analyst = await fetch(`${base}/api/reports/${c.reportId}`, { headers: as('analyst') });
    expect(analyst.status).toBe(403);
    const senior = await fetch(`${base}/api/reports/${c.reportId}`, { headers: as('senior') });
    expect(senior.status).toBe(200);
    expect(await senior.json()).toMatchObject({ reportId: c.reportId, closed: true, description: 'seeded', language: 'en' });
    expect((await fetch(`${base}/api/reports?closed=true`, { headers: as('analyst') })).status).toBe(403);
    const files = (await (await fetch(`${base}/api/reports?closed=true`, { headers: as('senior') })).json()) as { reports: Array<{ reportId: string }> };
    expect(files.reports.map((r) => r.reportId)).toContain(c.reportId);
    expect((await fetch(`${base}/api/reports`, { headers: as('senior') })).status).toBe(400);
  });

  it('lets a senior, not an analyst, disable a known hash as a false positive, audited and logged for the matchers', async () => {
    await importRows(t.db, { list: 'fp-list', type: 'sha256', rows: [{ hash: 'ab'.repeat(32), category: 'A1' }] });
    const id = (await t.db.query<{ id: string }>(`SELECT id::text FROM known_hashes ORDER BY id DESC LIMIT 1`)).rows[0]!.id;
    expect((await fetch(`${base}/api/hashes/${id}/false-positive`, { method: 'POST', headers: as('analyst'), body: '{}' })).status).toBe(403);
    const res = await fetch(`${base}/api/hashes/${id}/false-positive`, { method: 'POST', headers: as('senior'), body: JSON.stringify({ note: 'a logo' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, list: 'fp-list', enabled: false });
    const change = await t.db.query<{ kind: string }>(`SELECT kind FROM hash_changes WHERE hash_id = $1`, [id]);
    expect(change.rows).toEqual([{ kind: 'hash_disabled' }]);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = $1`, [`known_hash:${id}`]);
    expect(audit.rows).toEqual([{ action: 'hash.false_positive' }]);
    expect((await fetch(`${base}/api/hashes/999999/false-positive`, { method: 'POST', headers: as('senior'), body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/api/hashes/x/false-positive`, { method: 'POST', headers: as('senior'), body: '{}' })).status).toBe(400);
  });

  it('changes settings only for an admin session that re-authenticated recently, and audits the change', async () => {
    const next = { fourEyes: true, leaseSeconds: 300, breakEveryMinutes: 45, dailyExposureLimit: 150 };
    const put = (headers: Record<string, string>, body: unknown = next) =>
      fetch(`${base}/api/settings`, { method: 'PUT', headers, body: JSON.stringify(body) });
    expect((await put(as('senior', { 'x-test-via': 'session', 'x-test-reauth': '1' }))).status).toBe(403);
    const token = await put(as('admin'));
    expect(token.status).toBe(403);
    expect(((await token.json()) as { error: { code: string } }).error.code).toBe('reauth_required');
    expect((await put(as('admin', { 'x-test-via': 'session', 'x-test-reauth': '30' }))).status).toBe(403);
    expect((await put(as('admin', { 'x-test-via': 'session', 'x-test-reauth': '1' }), { ...next, leaseSeconds: 5 })).status).toBe(400);
    const ok = await put(as('admin', { 'x-test-via': 'session', 'x-test-reauth': '1' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(next);
    expect(await (await fetch(`${base}/api/settings`, { headers: as('analyst') })).json()).toEqual(next);
    const audit = await t.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'settings.changed'`);
    expect(audit.rows[0]!.details).toMatchObject({ after: next, before: { fourEyes: false, leaseSeconds: 600 } });
    await put(as('admin', { 'x-test-via': 'session', 'x-test-reauth': '1' }), {
      fourEyes: false,
      leaseSeconds: 600,
      breakEveryMinutes: 60,
      dailyExposureLimit: 200,
    });
  });

  it('counts reveals per analyst and says when a break is due', async () => {
    const png = await texturedPng(200, 150, 3);
    const c = await seedContent(ctx, { blob: png });
    const itemId = (await t.db.query<{ id: string }>('SELECT item_id AS id FROM review_sources WHERE content_id = $1', [c.contentId])).rows[0]!.id;
    const user = { 'x-test-user': randomUUID() };
    const exposure = async () => (await (await fetch(`${base}/api/me/exposure`, { headers: as('analyst', user) })).json()) as Record<string, unknown>;
    expect(await exposure()).toEqual({ today: 0, limit: 200, breakDue: false, breakEveryMinutes: 60 });
    const image = await fetch(`${base}/api/items/${itemId}/image`, { headers: as('analyst', user) });
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    for (let i = 0; i < 7; i++) {
      clock.advance(9 * 60_000); // never a 10-minute pause
      await fetch(`${base}/api/items/${itemId}/image`, { headers: as('analyst', user) });
    }
    expect(await exposure()).toEqual({ today: 8, limit: 200, breakDue: true, breakEveryMinutes: 60 });
    clock.advance(15 * 60_000);
    await fetch(`${base}/api/items/${itemId}/image`, { headers: as('analyst', user) });
    expect(await exposure()).toMatchObject({ today: 9, breakDue: false });
    // Thumbnails are not reveals.
    expect((await fetch(`${base}/api/items/${itemId}/thumbnail`, { headers: as('analyst', user) })).status).toBe(200);
    expect(await exposure()).toMatchObject({ today: 9 });
  });

  it('summarises the queue on the dashboard', async () => {
    await seedContent(ctx);
    const d = (await (await fetch(`${base}/api/dashboard`, { headers: as('analyst') })).json()) as Record<string, any>;
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
