import { randomBytes } from 'node:crypto';
import { createPublicKey, sign, verify } from 'node:crypto';
import { signingKeyFromSeed } from '@hotline/takedown';
import { runCli } from '../src/run-cli';
import { importRows } from '../../test/support/hash-lists';
import { testConfig } from '../../test/support/pipeline';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';

describe('hotline CLI: takedown-key and auto-notice', () => {
  let t: TestDb;
  const seed = randomBytes(32);
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const cfg = testConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: t.schema! });
    const code = await runCli(argv, cfg, { out: (l) => out.push(l), err: (l) => err.push(l) }, { TAKEDOWN_SIGNING_KEY: seed.toString('base64') });
    return { code, out, err };
  };
  beforeAll(async () => {
    t = await createPgTestDb('cli_takedown');
  });
  afterAll(() => t?.drop());

  it('item 11: takedown-key prints the key id and a public key that verifies what the signing key signs', async () => {
    const r = await cli('takedown-key');
    expect(r).toMatchObject({ code: 0, err: [] });
    const key = signingKeyFromSeed(seed);
    expect(r.out[0]).toBe(`key id: ${key.keyId}`);
    const pub = createPublicKey(r.out.slice(1).join('\n'));
    const signature = sign(null, Buffer.from('referral'), key.privateKey);
    expect(verify(null, Buffer.from('referral'), pub, signature)).toBe(true);
  });

  it('item 11: auto-notice switches a list’s policy, audited, and refuses an unknown list or state', async () => {
    await importRows(t.db, { list: 'iwf-assessed', type: 'sha256', source: 'IWF', rows: [{ hash: 'a'.repeat(64) }] });
    expect(await cli('auto-notice', '--list', 'iwf-assessed', 'on')).toMatchObject({ code: 0, out: ['automatic notices for list iwf-assessed: on'] });
    const on = await t.db.query<{ auto_notice: boolean }>(`SELECT auto_notice FROM hash_lists WHERE name = 'iwf-assessed'`);
    expect(on.rows[0]!.auto_notice).toBe(true);
    expect((await cli('auto-notice', '--list', 'iwf-assessed', 'off')).code).toBe(0);
    const audit = await t.db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE subject = 'iwf-assessed' ORDER BY seq`);
    expect(audit.rows).toEqual([
      { action: 'list.auto_notice_on', actor: 'cli' },
      { action: 'list.auto_notice_off', actor: 'cli' },
    ]);
    expect((await cli('auto-notice', '--list', 'nope', 'on')).code).toBe(2);
    expect((await cli('auto-notice', '--list', 'iwf-assessed', 'maybe')).code).toBe(2);
  });
});
