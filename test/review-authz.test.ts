import { randomUUID } from 'node:crypto';
import { reviewRoutes } from '@hotline/review';
import { inProcessTestBus, LogCapture, startPipeline, type RunningPipeline } from './support/pipeline';
import { createUser, loginAs, type ReviewClient } from './support/review-session';
import { createPgTestDb, type TestDb } from './support/test-db';

type Spec = ReturnType<typeof reviewRoutes>[number];
const routes = reviewRoutes();
const label = (r: Spec) => `${r.method.toUpperCase()} ${r.path}`;
const pathOf = (r: Spec) => r.path.replace(/:[A-Za-z_]+/g, () => randomUUID());
const changes = (r: Spec) => r.method !== 'get';

/**
 * Every route of the table, whoever added it: the guard's answers for each kind of caller. Routes added later
 * are covered without touching this file.
 */
describe('review API authorisation, route by route (issue 9 item 10)', () => {
  const logs = new LogCapture();
  let t: TestDb;
  let pipeline: RunningPipeline;
  const as: Record<'analyst' | 'senior' | 'admin', ReviewClient> = {} as never;
  let adminToken: string;

  const call = (r: Spec, headers: Record<string, string> = {}) =>
    fetch(`${pipeline.reviewUrl}${pathOf(r)}`, {
      method: r.method.toUpperCase(),
      headers: { ...headers, ...(changes(r) ? { 'content-type': 'application/json' } : {}) },
      body: changes(r) ? '{}' : undefined,
    });
  const codeOf = async (res: Response) => ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;

  beforeAll(async () => {
    t = await createPgTestDb('review_authz');
    pipeline = await startPipeline({ db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger });
    for (const role of ['analyst', 'senior', 'admin'] as const) {
      const user = await createUser(t.db, pipeline.ctx.secrets.accountsKey, { role });
      // The first login counts as a re-authentication (it sets the password); the clients are of a later one.
      const first = await loginAs(pipeline.reviewUrl, user);
      if (role === 'admin') adminToken = ((await (await first.post('/api/me/api-tokens', { name: 'authz' })).json()) as { token: string }).token;
      as[role] = await loginAs(pipeline.reviewUrl, user);
    }
  });
  afterAll(async () => {
    await pipeline?.stop();
    await t?.drop();
  });

  it('covers the whole contract of ACCOUNTS at least', () => {
    const names = routes.map(label);
    for (const r of [
      'POST /api/session',
      'POST /api/session/passkey-options',
      'GET /api/session',
      'DELETE /api/session',
      'POST /api/session/reauth',
      'POST /api/session/reauth-options',
      'PUT /api/me/preferences',
      'POST /api/me/password',
      'POST /api/me/passkeys/options',
      'POST /api/me/passkeys',
      'GET /api/me/passkeys',
      'DELETE /api/me/passkeys/:id',
      'POST /api/me/totp/options',
      'POST /api/me/totp',
      'GET /api/me/api-tokens',
      'POST /api/me/api-tokens',
      'DELETE /api/me/api-tokens/:id',
      'GET /api/users',
      'POST /api/users',
      'PATCH /api/users/:id',
      'POST /api/users/:id/reset',
      'GET /api/openapi.json',
    ])
      expect(names).toContain(r);
    expect(
      routes
        .filter((r) => r.access === 'public')
        .map(label)
        .sort(),
    ).toEqual(['GET /api/openapi.json', 'POST /api/session', 'POST /api/session/passkey-options']);
    expect(routes.filter((r) => r.path.startsWith('/api/users')).every((r) => r.access === 'admin' && r.reauth)).toBe(true);
    // Second factors and API tokens change only after a fresh proof; other account changes from a session only.
    expect(
      routes
        .filter((r) => r.reauth && r.path.startsWith('/api/me'))
        .map(label)
        .sort(),
    ).toEqual([
      'DELETE /api/me/passkeys/:id',
      'POST /api/me/api-tokens',
      'POST /api/me/passkeys',
      'POST /api/me/passkeys/options',
      'POST /api/me/totp',
      'POST /api/me/totp/options',
    ]);
    expect(
      routes
        .filter((r) => r.sessionOnly)
        .map(label)
        .sort(),
    ).toEqual(['DELETE /api/me/api-tokens/:id', 'POST /api/me/password']);
  });

  it('without a session or token: 401 on every route but the public ones, which answer', async () => {
    for (const r of routes) {
      const res = await call(r);
      if (r.access === 'public') expect([label(r), [401, 403].includes(res.status)]).toEqual([label(r), false]);
      else expect([label(r), res.status, await codeOf(res)]).toEqual([label(r), 401, 'unauthorized']);
    }
  });

  it('with a session of a lower role than the route needs: 403 forbidden', async () => {
    const lower = { senior: as.analyst, admin: as.senior } as const;
    const checked = routes.filter((r) => r.access === 'senior' || r.access === 'admin');
    expect(checked.length).toBeGreaterThan(0);
    for (const r of checked) {
      const who = lower[r.access as 'senior' | 'admin'];
      const res = await call(r, { cookie: who.cookie, 'x-csrf-token': who.csrfToken });
      expect([label(r), res.status, await codeOf(res)]).toEqual([label(r), 403, 'forbidden']);
    }
  });

  it('a state change from a session without the right X-CSRF-Token: 403 csrf_invalid', async () => {
    for (const r of routes.filter((x) => changes(x) && x.access !== 'public')) {
      for (const headers of [{ cookie: as.admin.cookie }, { cookie: as.admin.cookie, 'x-csrf-token': as.analyst.csrfToken }] as Array<Record<string, string>>) {
        const res = await call(r, headers);
        expect([label(r), res.status, await codeOf(res)]).toEqual([label(r), 403, 'csrf_invalid']);
      }
    }
  });

  it('reauth routes without a recent re-authentication: 403 reauth_required, for sessions and API tokens alike', async () => {
    const reauth = routes.filter((r) => r.reauth);
    expect(reauth.length).toBeGreaterThan(0);
    for (const r of reauth) {
      for (const headers of [{ cookie: as.admin.cookie, 'x-csrf-token': as.admin.csrfToken }, { authorization: `Bearer ${adminToken}` }] as Array<
        Record<string, string>
      >) {
        const res = await call(r, headers);
        expect([label(r), res.status, await codeOf(res)]).toEqual([label(r), 403, 'reauth_required']);
      }
    }
  });

  it('session-only routes with an API token: 403 session_required', async () => {
    const only = routes.filter((r) => r.sessionOnly);
    expect(only.length).toBeGreaterThan(0);
    for (const r of only) {
      const res = await call(r, { authorization: `Bearer ${adminToken}` });
      expect([label(r), res.status, await codeOf(res)]).toEqual([label(r), 403, 'session_required']);
    }
  });

  it('an API token cannot mint another token', async () => {
    const res = await fetch(`${pipeline.reviewUrl}/api/me/api-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'another' }),
    });
    expect([res.status, await codeOf(res)]).toEqual([403, 'reauth_required']);
  });

  it('an API token works without CSRF on every other route; a wrong token is a 401', async () => {
    for (const r of routes.filter((x) => x.access !== 'public' && !x.reauth && !x.sessionOnly)) {
      const res = await call(r, { authorization: `Bearer ${adminToken}` });
      expect([label(r), [401, 403].includes(res.status)]).toEqual([label(r), false]);
      const wrong = await call(r, { authorization: `Bearer ${adminToken}x`, cookie: as.admin.cookie });
      expect([label(r), wrong.status]).toEqual([label(r), 401]);
    }
  });

  it('the OpenAPI document lists exactly the routes of the table', async () => {
    const doc = (await (await fetch(`${pipeline.reviewUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-access': string }>> };
    const listed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(listed.sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`).sort());
  });
});
