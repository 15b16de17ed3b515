import { createUser as createAccount, insertApiToken, newToken, tokenHash, totpCode, type AccountRole } from '@hotline/accounts';
import { newId, systemClock, type Clock, type Db } from '@hotline/platform';
import { randomBytes } from 'node:crypto';

/** A test account: what its admin handed over (the password changes at its first login through loginAs). */
export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
}

/** Creates an account directly in the database, as the CLI does. `key` is the review's accounts key (ctx.secrets.accountsKey). */
export async function createUser(db: Db, key: Buffer, opts: { role: AccountRole; username?: string; clock?: Clock }): Promise<TestUser> {
  const username = opts.username ?? `${opts.role}-${randomBytes(4).toString('hex')}`;
  const u = await db.transaction((tx) => createAccount(tx, key, opts.clock ?? systemClock, { username, role: opts.role }));
  return { id: u.id, username: u.username, password: u.password, totpSecret: u.totpSecret };
}

/** An account and an API token of it (scripts, and getQueue/getReport in pipeline tests). */
export async function createApiToken(db: Db, key: Buffer, opts: { role: AccountRole }): Promise<string> {
  const user = await createUser(db, key, opts);
  const token = newToken('hlt_');
  await insertApiToken(db, { id: newId(), userId: user.id, name: 'test', tokenHash: tokenHash(token), now: new Date() });
  return token;
}

// The last TOTP step used per secret: the server refuses a code twice, so the next login takes the next step's code.
const usedSteps = new Map<string, number>();

/**
 * A code the server will accept now: of the current step, else of the next one (the server allows one step of
 * drift either way). Throws when both were used: advance the clock.
 */
export async function totpNow(secret: string, clock: Clock = systemClock): Promise<string> {
  const step = Math.floor(clock.nowMs() / 30_000);
  const last = usedSteps.get(secret) ?? -Infinity;
  const use = [step, step + 1].find((s) => s > last);
  if (use === undefined) throw new Error('both TOTP codes around now were used: advance the clock (or wait 30 s)');
  usedSteps.set(secret, use);
  return totpCode(secret, new Date(use * 30_000));
}

export interface ReviewClient {
  cookie: string;
  csrfToken: string;
  user: Record<string, unknown>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  del(path: string): Promise<Response>;
  /** Password and a fresh TOTP code again, for admin actions. */
  reauth(): Promise<Response>;
}

/**
 * Logs in with password and TOTP code; on the first login it sets a new password (which `user.password` then
 * holds). The client sends the session cookie and, on state changes, X-CSRF-Token.
 */
export async function loginAs(baseUrl: string, user: TestUser, clock: Clock = systemClock): Promise<ReviewClient> {
  const body: Record<string, string> = { username: user.username, password: user.password, otp: await totpNow(user.totpSecret, clock) };
  let res = await postJson(`${baseUrl}/api/session`, body);
  if (res.status === 409) {
    body.newPassword = `${user.password}-changed-${randomBytes(3).toString('hex')}`;
    res = await postJson(`${baseUrl}/api/session`, body);
    if (res.ok) user.password = body.newPassword;
  }
  if (res.status !== 200) throw new Error(`login of ${user.username} answered ${res.status}: ${await res.text()}`);
  const { csrfToken, user: me } = (await res.json()) as { csrfToken: string; user: Record<string, unknown> };
  const cookie = /hotline_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const send = (method: string, path: string, payload?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  return {
    cookie,
    csrfToken,
    user: me,
    get: (p) => send('GET', p),
    post: (p, b) => send('POST', p, b),
    put: (p, b) => send('PUT', p, b),
    patch: (p, b) => send('PATCH', p, b),
    del: (p) => send('DELETE', p),
    reauth: async () => send('POST', '/api/session/reauth', { password: user.password, otp: await totpNow(user.totpSecret, clock) }),
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
