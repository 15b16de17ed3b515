import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ManualClock } from '@hotline/platform';
import { buildReviewApp, type ReviewContext } from '@hotline/review';
import { reviewTestContext } from './support/review-seed';
import { createUser, loginAs, type ReviewClient, type TestUser } from './support/review-session';
import { seedHeldCase, seedRemovedCase } from './support/takedown-seed';
import { createPgliteTestDb, type TestDb } from './support/test-db';

/** Issue 11's console API: takedown cases, the actions on them, and the removal statistics, behind the real guard. */
describe('review API: takedown cases and statistics', () => {
  let t: TestDb;
  let ctx: ReviewContext;
  let clock: ManualClock;
  let server: Server;
  let base: string;
  const users = {} as Record<'analyst' | 'senior', TestUser>;
  const as = {} as Record<'analyst' | 'senior', ReviewClient>;
  let held: string;
  let removed: string;
  const codeOf = async (res: Response) => [res.status, ((await res.json()) as { error?: { code?: string } }).error?.code];
  const caseState = async (id: string) => (await t.db.query<{ state: string }>('SELECT state FROM takedown_cases WHERE id = $1', [id])).rows[0]?.state;

  beforeAll(async () => {
    t = await createPgliteTestDb();
    ({ ctx, clock } = await reviewTestContext(t.db));
    server = buildReviewApp(ctx).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const role of ['analyst', 'senior'] as const) {
      users[role] = await createUser(t.db, ctx.secrets.accountsKey, { role, clock });
      as[role] = await loginAs(base, users[role], clock);
    }
    held = await seedHeldCase(t.db, clock.now());
    removed = await seedRemovedCase(t.db, clock.now());
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  it('lists cases with the count of each state, of one state when asked, and refuses an unknown state', async () => {
    const all = (await (await as.analyst.get('/api/takedown/cases')).json()) as { cases: Array<{ id: string }>; counts: Record<string, number> };
    expect(all.cases.map((c) => c.id).sort()).toEqual([held, removed].sort());
    expect(all.counts).toEqual({ tracing: 0, held: 1, active: 0, needs_analyst: 0, removed: 1, cancelled: 0 });
    const onlyHeld = (await (await as.analyst.get('/api/takedown/cases?state=held')).json()) as { cases: Array<{ id: string }> };
    expect(onlyHeld.cases.map((c) => c.id)).toEqual([held]);
    expect(await codeOf(await as.analyst.get('/api/takedown/cases?state=lost'))).toEqual([400, 'invalid_request']);
    expect(await codeOf(await as.analyst.get('/api/takedown/cases?limit=0'))).toEqual([400, 'invalid_request']);
  });

  it('shows a case with its trace and timeline; 404 for an unknown id, 400 for one that is no UUID', async () => {
    const res = await as.analyst.get(`/api/takedown/cases/${removed}`);
    expect(res.status).toBe(200);
    const d = (await res.json()) as Record<string, Array<Record<string, unknown>>> & { case: Record<string, unknown> };
    expect(d.case).toMatchObject({ id: removed, state: 'removed', country: 'DE', providerName: 'Rhein Hosting', noticesSent: 2 });
    expect(d.case.trace).toMatchObject({ ip: '198.51.100.7', cdn: { origin: 'origin.rhein-hosting.example' } });
    expect(d.notices!.map((n) => [n.noticeNumber, n.state])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
    expect(d.checks!.map((c) => c.outcome)).toEqual(['present', 'absent', 'absent']);
    expect(d.referrals!.map((r) => [r.kind, r.keyId])).toEqual([['inhope_member', 'hotline-2026']]);
    expect(await codeOf(await as.analyst.get(`/api/takedown/cases/${randomUUID()}`))).toEqual([404, 'not_found']);
    expect(await codeOf(await as.analyst.get('/api/takedown/cases/nope'))).toEqual([400, 'invalid_request']);
  });

  it('lets a senior clear a held case: active, the provider notice in line, audited; a second clearance is 409 not_held', async () => {
    expect(await codeOf(await as.analyst.post(`/api/takedown/cases/${held}/clearance`))).toEqual([403, 'forbidden']);
    const res = await as.senior.post(`/api/takedown/cases/${held}/clearance`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { case: { state: string; clearedBy: string } }).case).toMatchObject({ state: 'active', clearedBy: users.senior.id });
    const notices = await t.db.query<{ state: string; level: string; contact: string }>(
      'SELECT state, level, contact FROM takedown_notice_items WHERE case_id = $1',
      [held],
    );
    expect(notices.rows).toEqual([{ state: 'pending', level: 'provider', contact: 'abuse@polder-hosting.example' }]);
    const audit = await t.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'takedown.cleared' AND subject = $1`, [held]);
    expect(audit.rows).toEqual([{ actor: users.senior.id }]);
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${held}/clearance`))).toEqual([409, 'not_held']);
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${randomUUID()}/clearance`))).toEqual([404, 'not_found']);
  });

  it('re-traces an open case (a trace job for the takedown service) and refuses a closed one with 409 case_closed', async () => {
    const res = await as.analyst.post(`/api/takedown/cases/${held}/retrace`);
    expect(res.status).toBe(200);
    expect(await caseState(held)).toBe('tracing');
    const jobs = await t.db.query<{ payload: { caseId: string } }>(`SELECT payload FROM jobs WHERE name = 'takedown.trace'`);
    expect(jobs.rows.map((j) => j.payload.caseId)).toEqual([held]);
    // The clearance's pending notice is withdrawn until the new trace routes the case.
    expect((await t.db.query(`SELECT 1 FROM takedown_notice_items WHERE case_id = $1 AND state = 'pending'`, [held])).rows).toEqual([]);
    expect(await codeOf(await as.analyst.post(`/api/takedown/cases/${removed}/retrace`))).toEqual([409, 'case_closed']);
  });

  it('cancels a case for a senior with a reason of 1–500 characters, once', async () => {
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${held}/cancel`, {}))).toEqual([400, 'invalid_request']);
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${held}/cancel`, { reason: '   ' }))).toEqual([400, 'invalid_request']);
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${held}/cancel`, { reason: 'x'.repeat(501) }))).toEqual([400, 'invalid_request']);
    expect(await codeOf(await as.analyst.post(`/api/takedown/cases/${held}/cancel`, { reason: 'handled by police' }))).toEqual([403, 'forbidden']);
    const res = await as.senior.post(`/api/takedown/cases/${held}/cancel`, { reason: 'handled by police' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { case: { state: string; stateReason: string } }).case).toMatchObject({
      state: 'cancelled',
      stateReason: 'handled by police',
    });
    expect(await codeOf(await as.senior.post(`/api/takedown/cases/${held}/cancel`, { reason: 'again' }))).toEqual([409, 'case_closed']);
  });

  it('answers the statistics of the last 30 days by default, and refuses a bad window', async () => {
    const res = await as.analyst.get('/api/takedown/statistics');
    expect(res.status).toBe(200);
    const s = (await res.json()) as { from: string; to: string; overall: Record<string, unknown>; perDay: unknown[] };
    expect([s.from, s.to]).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(s.perDay).toHaveLength(30);
    // The removed case: first reported 52 h ago, removed 23 h ago → 29 h; the cancelled one is left out.
    expect(s.overall).toMatchObject({ cases: 1, removed: 1, medianSeconds: 29 * 3600, removedWithin3Days: 1, shareWithin3Days: 1 });
    const one = (await (await as.analyst.get('/api/takedown/statistics?from=2026-11-28&to=2026-11-28')).json()) as { perDay: Array<{ day: string }> };
    expect(one.perDay.map((d) => d.day)).toEqual(['2026-11-28']);
    for (const q of ['from=2026-02-31', 'from=yesterday', 'from=2026-11-30&to=2026-11-01', 'from=2024-01-01&to=2026-11-30'])
      expect([q, ...(await codeOf(await as.analyst.get(`/api/takedown/statistics?${q}`)))]).toEqual([q, 400, 'invalid_request']);
  });

  it('exports the statistics as a CSV attachment with no URL, host or address', async () => {
    const res = await as.analyst.get('/api/takedown/statistics.csv?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="takedown-statistics-2026-11-01-2026-11-30.csv"');
    const csv = await res.text();
    expect(csv.split('\r\n')[1]).toBe(`overall,all,1,1,0,${29 * 3600},${29 * 3600},1,1,1,2,,`);
    expect(csv).toContain('provider,Rhein Hosting,1,1,0');
    expect(csv).not.toMatch(/https?:|@|\.example|192\.0\.2|198\.51\.100/);
  });
});
