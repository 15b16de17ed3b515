import { randomUUID } from 'node:crypto';
import { insertPasskey, totpCode } from '@hotline/accounts';
import { ManualClock } from '@hotline/platform';
import { inProcessTestBus, LogCapture, startPipeline, type RunningPipeline } from './support/pipeline';
import { createUser, loginAs, postJson, totpNow, type TestUser } from './support/review-session';
import { createPgTestDb, type TestDb } from './support/test-db';

const START = new Date('2026-11-30T08:00:00.000Z');

describe('review console: logins, sessions and lock-out (issue 9 item 1)', () => {
  const logs = new LogCapture();
  let t: TestDb;
  let pipeline: RunningPipeline;
  let clock: ManualClock;
  let url: string;
  const login = (body: Record<string, unknown>) => postJson(`${url}/api/session`, body);
  const newUser = (role: 'analyst' | 'admin' = 'analyst') => createUser(t.db, pipeline.ctx.secrets.accountsKey, { role, clock });

  beforeAll(async () => {
    t = await createPgTestDb('review_login');
    clock = new ManualClock(START);
    pipeline = await startPipeline({
      db: t.db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      clock,
      env: { REVIEW_SESSION_IDLE_MINUTES: '30', REVIEW_SESSION_MAX_HOURS: '12', REVIEW_LOGIN_CHALLENGES_MAX: '3' },
    });
    url = pipeline.reviewUrl;
  });
  afterAll(async () => {
    await pipeline?.stop();
    await t?.drop();
  });
  beforeEach(() => clock.advance(10 * 60_000));

  async function firstLogin(u: TestUser) {
    return loginAs(url, u, clock);
  }

  it('refuses a wrong code, a replayed code, and takes the right one; the first login must change the password (409, then 200)', async () => {
    const u = await newUser();
    const code = await totpCode(u.totpSecret, clock.now());
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await login({ username: u.username, password: u.password, otp: wrong });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([401, 'invalid_credentials']);

    const first = await login({ username: u.username, password: u.password, otp: code });
    expect(first.status).toBe(409);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('password_change_required');
    const tooShort = await login({ username: u.username, password: u.password, otp: code, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    const ok = await login({ username: u.username, password: u.password, otp: code, newPassword: 'a-new-password-of-mine' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { csrfToken: string; user: Record<string, unknown> };
    expect(body.user).toEqual({ id: u.id, username: u.username, role: 'analyst', blurStrength: 80, mustEnrolPasskey: false, hasPasskey: false, hasTotp: true });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hotline_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);

    // The same code again is a replay, even with the right password.
    const replay = await login({ username: u.username, password: 'a-new-password-of-mine', otp: code });
    expect(replay.status).toBe(401);
    // The old one-time password no longer works.
    clock.advance(60_000);
    expect((await login({ username: u.username, password: u.password, otp: await totpCode(u.totpSecret, clock.now()) })).status).toBe(401);
    expect((await login({ username: u.username, password: 'a-new-password-of-mine', otp: await totpCode(u.totpSecret, clock.now()) })).status).toBe(200);

    const audit = await t.db.query<{ action: string; subject: string; details: unknown }>(`SELECT action, subject, details FROM audit_log ORDER BY seq`);
    const mine = audit.rows.filter((r) => r.subject === u.username || r.subject === u.id);
    expect(mine.map((r) => r.action)).toEqual(['login.failed', 'password.changed', 'login.succeeded', 'login.failed', 'login.failed', 'login.succeeded']);
    expect(JSON.stringify(audit.rows)).not.toContain(u.password);
    expect(JSON.stringify(audit.rows)).not.toContain('a-new-password-of-mine');
    expect(JSON.stringify(audit.rows)).not.toContain(code);
  });

  it('answers an unknown user exactly like a wrong password, and locks either name after five failures, with Retry-After', async () => {
    const u = await newUser();
    const client = await firstLogin(u);
    expect(client.user.username).toBe(u.username);
    clock.advance(60_000);
    for (const name of [u.username, 'nobody-by-this-name']) {
      for (let i = 0; i < 5; i++) {
        const res = await login({ username: name, password: 'wrong-password-123', otp: '123456' });
        expect([name, i, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([name, i, 401, 'invalid_credentials']);
      }
      const locked = await login({ username: name, password: 'wrong-password-123', otp: '123456' });
      expect(locked.status).toBe(429);
      expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('locked');
      expect(locked.headers.get('retry-after')).toBe('60');
    }
    // Even the right password and code wait for the lock to pass.
    expect((await login({ username: u.username, password: u.password, otp: await totpNow(u.totpSecret, clock) })).status).toBe(429);
    clock.advance(61_000);
    const again = await loginAs(url, u, clock);
    expect(again.user.username).toBe(u.username);

    // The next lock-out of the same name lasts twice as long.
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) await login({ username: 'nobody-by-this-name', password: 'x', otp: '1' });
    const longer = await login({ username: 'nobody-by-this-name', password: 'x', otp: '1' });
    expect([longer.status, longer.headers.get('retry-after')]).toEqual([429, '120']);
  });

  it('counts parallel guesses before checking them: of 30 at once with the right password, at most five are checked, then the name is locked', async () => {
    const u = await newUser();
    await firstLogin(u);
    clock.advance(60_000);
    const valid = await Promise.all([-30_000, 0, 30_000].map((d) => totpCode(u.totpSecret, new Date(clock.nowMs() + d))));
    const guesses = Array.from({ length: 40 }, (_, i) => String(100000 + i * 7919))
      .filter((c) => !valid.includes(c))
      .slice(0, 30);
    const answers = await Promise.all(guesses.map((otp) => login({ username: u.username, password: u.password, otp })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const failed = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'login.failed' AND subject = $1`, [u.username]);
    expect(failed.rowCount).toBeLessThanOrEqual(5);
    // The right password and code right after are refused too: the burst locked the name.
    expect((await login({ username: u.username, password: u.password, otp: await totpNow(u.totpSecret, clock) })).status).toBe(429);
  });

  it('ends a session after REVIEW_SESSION_IDLE_MINUTES without a request and after REVIEW_SESSION_MAX_HOURS in any case', async () => {
    const u = await newUser();
    const idle = await firstLogin(u);
    expect((await idle.get('/api/session')).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await idle.get('/api/session')).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await idle.get('/api/session')).status).toBe(401);

    const busy = await loginAs(url, u, clock);
    for (let h = 0; h < 12 * 3; h++) {
      clock.advance(20 * 60_000);
      const res = await busy.get('/api/session');
      expect([h, res.status]).toEqual([h, h < 35 ? 200 : 401]);
    }
  });

  it('does not count background requests (X-Background: 1: exposure polls, lease renewals) as activity, so an unattended console times out', async () => {
    const u = await newUser();
    const c = await firstLogin(u);
    const background = (method: string, path: string) =>
      fetch(`${url}${path}`, { method, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'x-background': '1' } });
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000);
      expect((await background('GET', '/api/me/exposure')).status).toBe(200);
      expect((await background('POST', '/api/items/00000000-0000-4000-8000-000000000000/lease')).status).not.toBe(401);
    }
    clock.advance(4 * 60_000);
    expect((await background('GET', '/api/me/exposure')).status).toBe(401);
    expect((await c.get('/api/session')).status).toBe(401);
  });

  it('caps open passkey login challenges at REVIEW_LOGIN_CHALLENGES_MAX (429 beyond), and takes new ones when old ones expire', async () => {
    const ask = () => postJson(`${url}/api/session/passkey-options`, { username: 'anyone-at-all' });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code, refused.headers.get('retry-after')]).toEqual([
      429,
      'rate_limited',
      '30',
    ]);
    expect((await t.db.query(`SELECT 1 FROM login_challenges WHERE purpose = 'login'`)).rowCount).toBe(3);
    clock.advance(5 * 60_000 + 1_000);
    expect((await ask()).status).toBe(200);
    expect((await t.db.query(`SELECT 1 FROM login_challenges WHERE purpose = 'login'`)).rowCount).toBe(1);
  });

  it('logs out: the session is deleted and the cookie cleared; logout needs the CSRF token', async () => {
    const u = await newUser();
    const c = await firstLogin(u);
    const noCsrf = await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie: c.cookie } });
    expect(noCsrf.status).toBe(403);
    const out = await c.del('/api/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hotline_session=; .*Max-Age=0/);
    expect((await c.get('/api/session')).status).toBe(401);
    const sessions = await t.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [u.id]);
    expect(sessions.rowCount).toBe(0);
  });

  it('disabling a user ends their sessions and refuses their logins and API tokens; admin actions need recent re-authentication', async () => {
    const admin = await newUser('admin');
    const a = await firstLogin(admin);
    const u = await newUser();
    const c = await firstLogin(u);
    const token = ((await (await c.post('/api/me/api-tokens', { name: 'script' })).json()) as { token: string }).token;
    expect((await fetch(`${url}/api/queue`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // The first login's re-authentication lapses too.
    clock.advance(6 * 60_000);
    expect((await a.patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(403);
    expect((await a.reauth()).status).toBe(204);
    const patched = await a.patch(`/api/users/${u.id}`, { disabled: true });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { disabled: boolean }).disabled).toBe(true);

    expect((await c.get('/api/session')).status).toBe(401);
    expect((await fetch(`${url}/api/queue`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    clock.advance(60_000);
    expect((await login({ username: u.username, password: u.password, otp: await totpNow(u.totpSecret, clock) })).status).toBe(401);

    // Re-authentication lapses after REVIEW_REAUTH_MINUTES.
    clock.advance(6 * 60_000);
    expect((await a.get('/api/users')).status).toBe(403);
  });

  it('changes second factors and API tokens only after a recent re-authentication; the first login counts as one', async () => {
    const u = await newUser();
    const first = await firstLogin(u);
    expect((await first.post('/api/me/api-tokens', { name: 'right after the first login' })).status).toBe(201);
    clock.advance(60_000);
    const later = await loginAs(url, u, clock);
    for (const [path, body] of [
      ['/api/me/api-tokens', { name: 'x' }],
      ['/api/me/totp/options', {}],
      ['/api/me/passkeys/options', {}],
    ] as const) {
      const res = await later.post(path, body);
      expect([path, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([path, 403, 'reauth_required']);
    }
    expect((await later.reauth()).status).toBe(204);
    expect((await later.post('/api/me/api-tokens', { name: 'after reauth' })).status).toBe(201);
  });

  it('a password change ends the other sessions; a reset also revokes API tokens and removes passkeys, audited', async () => {
    const u = await newUser();
    const first = await firstLogin(u);
    const token = ((await (await first.post('/api/me/api-tokens', { name: 'script' })).json()) as { token: string }).token;
    await insertPasskey(t.db, {
      id: randomUUID(),
      userId: u.id,
      credentialId: randomUUID(),
      name: 'lost laptop',
      publicKey: new Uint8Array(32),
      counter: 0,
      transports: [],
      now: clock.now(),
    });
    clock.advance(60_000);
    const second = await loginAs(url, u, clock);
    expect((await second.post('/api/me/password', { password: u.password, newPassword: 'a-password-nobody-else-knows' })).status).toBe(204);
    u.password = 'a-password-nobody-else-knows';
    expect((await first.get('/api/session')).status).toBe(401);
    expect((await second.get('/api/session')).status).toBe(200);
    const bearer = () => fetch(`${url}/api/queue`, { headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).status).toBe(200);

    const admin = await newUser('admin');
    const a = await firstLogin(admin);
    expect((await a.post(`/api/users/${u.id}/reset`)).status).toBe(200);
    expect((await second.get('/api/session')).status).toBe(401);
    expect((await bearer()).status).toBe(401);
    expect((await t.db.query(`SELECT 1 FROM webauthn_credentials WHERE user_id = $1`, [u.id])).rowCount).toBe(0);
    const audit = await t.db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE subject = $1 AND action IN ('password.changed', 'user.reset') ORDER BY seq`,
      [u.id],
    );
    expect(audit.rows.slice(-2)).toEqual([
      { action: 'password.changed', details: { otherSessionsEnded: 1 } },
      { action: 'user.reset', details: { sessionsEnded: 1, apiTokensRevoked: 1, passkeysRemoved: 1 } },
    ]);
  });

  it('changes a password, enrols a new TOTP secret, and resets an account (new one-time password and secret, sessions end)', async () => {
    const u = await newUser();
    const c = await firstLogin(u);
    expect((await c.post('/api/me/password', { password: 'not-my-password', newPassword: 'another-long-password' })).status).toBe(403);
    expect((await c.post('/api/me/password', { password: u.password, newPassword: 'another-long-password' })).status).toBe(204);
    u.password = 'another-long-password';

    const opts = (await (await c.post('/api/me/totp/options')).json()) as { otpauthUri: string; qrSvg: string };
    expect(opts.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(opts.qrSvg).toMatch(/^<svg/);
    const secret = new URL(opts.otpauthUri).searchParams.get('secret')!;
    expect((await c.post('/api/me/totp', { otp: '000000' === (await totpCode(secret, clock.now())) ? '111111' : '000000' })).status).toBe(400);
    expect((await c.post('/api/me/totp', { otp: await totpCode(secret, clock.now()) })).status).toBe(204);
    u.totpSecret = secret;
    clock.advance(60_000);
    expect((await loginAs(url, u, clock)).user.hasTotp).toBe(true);

    const admin = await newUser('admin');
    const a = await firstLogin(admin);
    await a.reauth();
    const reset = await a.post(`/api/users/${u.id}/reset`);
    expect(reset.status).toBe(200);
    const issued = (await reset.json()) as { password: string; otpauthUri: string };
    expect((await c.get('/api/session')).status).toBe(401);
    u.password = issued.password;
    u.totpSecret = new URL(issued.otpauthUri).searchParams.get('secret')!;
    const after = await loginAs(url, u, clock);
    expect(after.user.username).toBe(u.username);
  });
});
