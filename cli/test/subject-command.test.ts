import { randomBytes, randomUUID } from 'node:crypto';
import { storeIdentity, type ReporterIdentity, type VaultKeys } from '@hotline/identity-vault';
import { verifyAuditChain } from '@hotline/platform';
import { runCli } from '../src/run-cli';
import { testConfig } from '../../test/support/pipeline';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';

const keys: VaultKeys = { identityVaultKey: randomBytes(32), identityIndexKey: randomBytes(32) };
const secretEnv = { IDENTITY_VAULT_KEY: keys.identityVaultKey.toString('base64'), IDENTITY_INDEX_KEY: keys.identityIndexKey.toString('base64') };

// The data subject: two forwards on Telegram. Someone else on Telegram, and the subject's number on WhatsApp.
const SUBJECT: ReporterIdentity = {
  platform: 'telegram',
  chatId: '7071727374',
  userName: 'Subject_Person',
  names: 'Sub Ject',
  phone: '+31 6 1234 5678',
  language: 'nl',
};
const OTHER: ReporterIdentity = { platform: 'telegram', chatId: '8081828384', userName: 'someone_else', names: 'Other Person', language: 'en' };
const ON_WHATSAPP: ReporterIdentity = { platform: 'whatsapp', chatId: '31612345678', names: 'Sub Ject', phone: '31612345678' };
const IDENTITY_VALUES = [
  '7071727374',
  'Subject_Person',
  'subject_person',
  'Sub Ject',
  '1234 5678',
  '31612345678',
  '8081828384',
  'someone_else',
  'Other Person',
];

describe('issue 10 item 6: data-subject requests (subject find|export|delete)', () => {
  let t: TestDb;
  const ids: Record<'first' | 'second' | 'other' | 'whatsapp', string> = { first: '', second: '', other: '', whatsapp: '' };
  let report: string;

  const cli = async (argv: string[], env: Record<string, string> = secretEnv) => {
    const out: string[] = [];
    const err: string[] = [];
    const cfg = testConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: t.schema! });
    const code = await runCli(argv, cfg, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out, err };
  };

  beforeAll(async () => {
    t = await createPgTestDb('cli_subject');
    const at = new Date('2026-11-29T10:00:00Z');
    ids.first = await storeIdentity(t.db, keys, SUBJECT, at);
    ids.second = await storeIdentity(t.db, keys, { ...SUBJECT, chatId: SUBJECT.chatId, names: 'Sub J.' }, new Date(at.getTime() + 60_000));
    ids.other = await storeIdentity(t.db, keys, OTHER, at);
    ids.whatsapp = await storeIdentity(t.db, keys, ON_WHATSAPP, at);
    report = randomUUID();
    await t.db.query(`INSERT INTO reports (id, source, language, received_at) VALUES ($1, 'telegram', 'nl', $2)`, [report, at]);
    await t.db.query(`INSERT INTO chat_reports (report_id, platform, identity_id) VALUES ($1, 'telegram', $2)`, [report, ids.first]);
  });
  afterAll(() => t?.drop());

  const subjectAudits = async () =>
    (
      await t.db.query<{ actor: string; action: string; subject: string; details: unknown }>(
        `SELECT actor, action, subject, details FROM audit_log WHERE action LIKE 'subject.%' ORDER BY seq`,
      )
    ).rows;

  it('find answers from the blind index: the subject’s records only, by chat id, user name or phone number in any spelling', async () => {
    const r = await cli(['subject', 'find', '--platform', 'telegram', '--id', '@SUBJECT_person', '--json']);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.out.join('\n')) as { platform: string; records: Array<{ identityId: string; createdAt: string; reports: string[] }> };
    expect(found).toEqual({
      platform: 'telegram',
      records: [
        { identityId: ids.first, createdAt: '2026-11-29T10:00:00.000Z', reports: [report] },
        { identityId: ids.second, createdAt: '2026-11-29T10:01:00.000Z', reports: [] },
      ].sort((a, b) => a.identityId.localeCompare(b.identityId)),
    });
    for (const id of ['7071727374', '+31 6-1234 5678', '31612345678']) {
      const byOther = await cli(['subject', 'find', '--platform', 'telegram', '--id', id, '--json']);
      expect((JSON.parse(byOther.out.join('\n')) as { records: Array<{ identityId: string }> }).records.map((x) => x.identityId).sort()).toEqual(
        [ids.first, ids.second].sort(),
      );
    }
    // The same number on another platform is another platform's record; an unknown name finds nothing.
    const wa = await cli(['subject', 'find', '--platform', 'whatsapp', '--id', '+31 6 1234 5678']);
    expect(wa.out).toEqual([expect.stringMatching(new RegExp(`^${ids.whatsapp}  received 2026-11-29T10:00:00.000Z  reports \\(none yet\\)$`))]);
    expect((await cli(['subject', 'find', '--platform', 'viber', '--id', 'subject_person'])).out).toEqual(['no records on viber']);
    expect(r.out.join('\n')).not.toContain(ids.other);
  });

  it('export prints the subject’s records decrypted, as JSON, and nobody else’s', async () => {
    const r = await cli(['subject', 'export', '--platform', 'telegram', '--id', 'subject_person']);
    expect(r.code).toBe(0);
    const exported = JSON.parse(r.out.join('\n')) as {
      platform: string;
      records: Array<{ identityId: string; identity: ReporterIdentity; reports: string[] }>;
    };
    const byId = new Map(exported.records.map((x) => [x.identityId, x]));
    expect([...byId.keys()].sort()).toEqual([ids.first, ids.second].sort());
    expect(byId.get(ids.first)).toMatchObject({ identity: SUBJECT, reports: [report] });
    expect(byId.get(ids.second)!.identity).toEqual({ ...SUBJECT, names: 'Sub J.' });
    expect(r.out.join('\n')).not.toMatch(/someone_else|Other Person/);
  });

  it('delete destroys the subject’s records and their index entries, recorded as subject_request; others stay', async () => {
    const r = await cli(['subject', 'delete', '--platform', 'telegram', '--id', '7071727374', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out[0]!) as { deleted: string[] }).deleted.sort()).toEqual([ids.first, ids.second].sort());
    const left = await t.db.query<{ id: string }>('SELECT id FROM reporter_identities ORDER BY id');
    expect(left.rows.map((x) => x.id)).toEqual([ids.other, ids.whatsapp].sort());
    expect((await t.db.query('SELECT 1 FROM identity_index WHERE identity_id = ANY($1::uuid[])', [[ids.first, ids.second]])).rows).toHaveLength(0);
    const deletions = await t.db.query<{ identity_id: string; reason: string }>('SELECT identity_id, reason FROM identity_deletions ORDER BY identity_id');
    expect(deletions.rows).toEqual([ids.first, ids.second].sort().map((identity_id) => ({ identity_id, reason: 'subject_request' })));
    // The report stays (it holds no identity); a second request finds nothing.
    expect((await t.db.query('SELECT 1 FROM reports WHERE id = $1', [report])).rows).toHaveLength(1);
    expect((await cli(['subject', 'find', '--platform', 'telegram', '--id', 'subject_person'])).out).toEqual(['no records on telegram']);
    expect((await cli(['subject', 'delete', '--platform', 'telegram', '--id', 'subject_person'])).out).toEqual(['destroyed 0 record(s)']);
  });

  it('every call is audited as cli subject.<op> with the count and opaque ids; no identity value in the audit log or on stderr', async () => {
    const audits = await subjectAudits();
    expect(audits.map((a) => a.action)).toEqual([...Array(6).fill('subject.find'), 'subject.export', 'subject.delete', 'subject.find', 'subject.delete']);
    expect(audits.every((a) => a.actor === 'cli')).toBe(true);
    expect(audits.find((a) => a.action === 'subject.delete')).toEqual({
      actor: 'cli',
      action: 'subject.delete',
      subject: 'identities:2',
      details: { platform: 'telegram', identityIds: [ids.first, ids.second].sort() },
    });
    const whole = JSON.stringify((await t.db.query('SELECT * FROM audit_log')).rows);
    for (const v of IDENTITY_VALUES) expect({ v, inAudit: whole.includes(v) }).toEqual({ v, inAudit: false });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const r = await cli(['subject', 'find', '--platform', 'whatsapp', '--id', '31612345678']);
    expect(r.err).toEqual([`subject find on whatsapp: 1 record(s) (${ids.whatsapp}); audited as subject.find`]);
  });

  it('bad input is a usage error that does not repeat the ID; without the keys outside the embedded default it refuses', async () => {
    for (const argv of [
      ['subject', 'find', '--platform', 'kik', '--id', 'subject_person'],
      ['subject', 'find', '--id', 'subject_person'],
      ['subject', 'find', '--platform', 'telegram'],
      ['subject', 'erase', '--platform', 'telegram', '--id', 'subject_person'],
      ['subject', '--platform', 'telegram', '--id', 'subject_person'],
    ]) {
      const r = await cli(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err.join('\n')).not.toContain('subject_person');
    }
    const noKeys = await cli(['subject', 'find', '--platform', 'telegram', '--id', 'subject_person'], {});
    expect(noKeys.code).toBe(1);
    expect(noKeys.err.join('\n')).toMatch(/IDENTITY_VAULT_KEY, IDENTITY_INDEX_KEY must be set/);
  });
});
