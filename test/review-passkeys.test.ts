import { inProcessTestBus, LogCapture, startPipeline, type RunningPipeline } from './support/pipeline';
import { createUser, loginAs, postJson } from './support/review-session';
import { SoftAuthenticator } from './support/soft-authenticator';
import { createPgTestDb, type TestDb } from './support/test-db';

describe('review console: passkeys at API level (issue 9 item 1)', () => {
  const logs = new LogCapture();
  let t: TestDb;
  let pipeline: RunningPipeline;
  beforeAll(async () => {
    t = await createPgTestDb('review_passkeys');
    pipeline = await startPipeline({ db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await t?.drop();
  });

  it('registers a passkey, logs in with it instead of a code, refuses a replayed assertion and a wrong origin', async () => {
    const url = pipeline.reviewUrl;
    const origin = `http://localhost:${new URL(url).port}`;
    const u = await createUser(t.db, pipeline.ctx.secrets.accountsKey, { role: 'analyst' });
    const c = await loginAs(url, u);
    const auth = new SoftAuthenticator('localhost', origin);

    const creation = (await (await c.post('/api/me/passkeys/options')).json()) as { challenge: string; user: { id: string }; rp: { id: string } };
    expect(creation.rp.id).toBe('localhost');
    const added = await c.post('/api/me/passkeys', { name: 'laptop', response: auth.register(creation) });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string; name: string };
    expect(((await (await c.get('/api/me/passkeys')).json()) as Array<{ id: string; name: string }>).map((p) => [p.id, p.name])).toEqual([[id, 'laptop']]);
    expect(((await (await c.get('/api/session')).json()) as { user: { hasPasskey: boolean } }).user.hasPasskey).toBe(true);

    const options = (await (await postJson(`${url}/api/session/passkey-options`, { username: u.username })).json()) as {
      challenge: string;
      allowCredentials?: unknown[];
    };
    expect(options.allowCredentials ?? []).toEqual([]);
    const assertion = auth.assert(options);
    const ok = await postJson(`${url}/api/session`, { username: u.username, password: u.password, passkey: assertion });
    expect(ok.status).toBe(200);
    expect((await postJson(`${url}/api/session`, { username: u.username, password: u.password, passkey: assertion })).status).toBe(401);

    const other = new SoftAuthenticator('localhost', 'http://localhost:1');
    (other as unknown as { credentialId: Buffer }).credentialId.set(auth.credentialId);
    const fresh = (await (await postJson(`${url}/api/session/passkey-options`, { username: 'nobody-here' })).json()) as { challenge: string };
    expect((await postJson(`${url}/api/session`, { username: u.username, password: u.password, passkey: other.assert(fresh) })).status).toBe(401);

    // A passkey also re-authenticates, for admin actions.
    const reauthOptions = (await (await c.post('/api/session/reauth-options')).json()) as { challenge: string };
    expect((await c.post('/api/session/reauth', { password: u.password, passkey: auth.assert(reauthOptions) })).status).toBe(204);

    // The only passkey may go: TOTP remains.
    expect((await c.del(`/api/me/passkeys/${id}`)).status).toBe(204);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE actor = $1 ORDER BY seq`, [u.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['passkey.added', 'login.succeeded', 'login.failed', 'reauth.succeeded', 'passkey.removed']),
    );
  });
});
