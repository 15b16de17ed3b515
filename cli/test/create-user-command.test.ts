import { randomBytes } from 'node:crypto';
import { runCli } from '../src/run-cli';
import { inProcessTestBus, LogCapture, startPipeline, testConfig, type RunningPipeline } from '../../test/support/pipeline';
import { loginAs } from '../../test/support/review-session';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';

describe('hotline CLI: create-user', () => {
  const logs = new LogCapture();
  const key = randomBytes(32).toString('base64');
  let t: TestDb;
  let pipeline: RunningPipeline;
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const cfg = testConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: t.schema! });
    const code = await runCli(argv, cfg, { out: (l) => out.push(l), err: (l) => err.push(l) }, { REVIEW_ACCOUNTS_KEY: key });
    return { code, out, err };
  };

  beforeAll(async () => {
    t = await createPgTestDb('cli_create_user');
    pipeline = await startPipeline({ db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, env: { REVIEW_ACCOUNTS_KEY: key } });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await t?.drop();
  });

  it('item 6: --json prints exactly {username, password, otpauthUri}, and those credentials log in after the password change', async () => {
    const r = await cli('create-user', '--name', 'First-Admin', '--role', 'admin', '--json');
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toHaveLength(1);
    const printed = JSON.parse(r.out[0]!) as { username: string; password: string; otpauthUri: string };
    expect(Object.keys(printed)).toEqual(['username', 'password', 'otpauthUri']);
    expect(printed.username).toBe('first-admin');
    expect(printed.otpauthUri).toMatch(/^otpauth:\/\/totp\/Hotline%20review:first-admin\?secret=[A-Z2-7]{32}&/);

    const user = { id: '', username: printed.username, password: printed.password, totpSecret: new URL(printed.otpauthUri).searchParams.get('secret')! };
    const admin = await loginAs(pipeline.reviewUrl, user);
    expect(admin.user).toMatchObject({ username: 'first-admin', role: 'admin', hasTotp: true });
    expect(user.password).not.toBe(printed.password);
    const audit = await t.db.query<{ actor: string; action: string }>(`SELECT actor, action FROM audit_log WHERE action = 'user.created'`);
    expect(audit.rows).toEqual([{ actor: 'cli', action: 'user.created' }]);
  });

  it('item 6: without --json it prints the one-time password, the URI and a QR code; bad input is a usage error', async () => {
    const r = await cli('create-user', '--name', 'analyst-one', '--role', 'analyst');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('created analyst analyst-one');
    expect(r.out[1]).toMatch(/^one-time password: \S{20} /);
    expect(r.out[2]).toMatch(/^TOTP: +otpauth:\/\/totp\//);
    expect(r.out[3]!.split('\n').length).toBeGreaterThan(10);
    expect((await cli('create-user', '--name', 'analyst-one', '--role', 'analyst')).code).toBe(2);
    expect((await cli('create-user', '--name', 'x', '--role', 'boss')).code).toBe(2);
    expect((await cli('create-user', '--role', 'admin')).code).toBe(2);
    expect((await cli('create-user', '--name', 'no key here', '--role', 'admin')).code).toBe(2);
  });

  it('audit-verify is an alias of audit verify', async () => {
    expect(await cli('audit-verify')).toMatchObject({ code: 0, out: [expect.stringMatching(/^audit log intact: \d+ rows/)] });
  });
});
