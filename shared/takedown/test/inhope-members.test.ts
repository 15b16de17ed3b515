import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@hotline/platform';
import { loadInhopeMembers, SHIPPED_INHOPE_MEMBERS_FILE } from '../src';

describe('INHOPE members file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'inhope-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, body: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, body);
    return file;
  };

  it('ships a valid list by country with no e-mail address or endpoint', () => {
    const members = loadInhopeMembers();
    expect(members.length).toBeGreaterThan(30);
    expect(members.map((m) => m.country)).toEqual(expect.arrayContaining(['NL', 'DE', 'BE', 'FR', 'GB', 'US']));
    expect(members.every((m) => m.referralEmail === undefined && m.referralUrl === undefined)).toBe(true);
    expect(JSON.stringify(members)).not.toMatch(/@/);
    expect(loadInhopeMembers(SHIPPED_INHOPE_MEMBERS_FILE)).toEqual(members);
  });

  it('loads a hotline’s own file with its endpoints', async () => {
    const file = await write(
      'own.json',
      JSON.stringify({ members: [{ country: 'DE', hotline: 'eco', referralEmail: 'referrals@member.invalid', referralUrl: 'https://member.invalid/api' }] }),
    );
    expect(loadInhopeMembers(file)).toEqual([
      { country: 'DE', hotline: 'eco', referralEmail: 'referrals@member.invalid', referralUrl: 'https://member.invalid/api' },
    ]);
  });

  it('names the file and the entry that is wrong', async () => {
    const file = await write(
      'bad-entry.json',
      JSON.stringify({
        members: [
          { country: 'DE', hotline: 'eco' },
          { country: 'deu', hotline: 'x' },
        ],
      }),
    );
    expect(() => loadInhopeMembers(file)).toThrow(ConfigError);
    expect(() => loadInhopeMembers(file)).toThrow(`INHOPE members file ${file}: entry 2 ("deu"): country must be an ISO 3166-1 alpha-2 code`);
    const badMail = await write('bad-mail.json', JSON.stringify({ members: [{ country: 'FR', hotline: 'x', referralEmail: 'nope' }] }));
    expect(() => loadInhopeMembers(badMail)).toThrow(/entry 1 \("FR"\): referralEmail/);
    const unknownKey = await write('unknown-key.json', JSON.stringify({ members: [{ country: 'FR', hotline: 'x', email: 'a@b.invalid' }] }));
    expect(() => loadInhopeMembers(unknownKey)).toThrow(/entry 1 \("FR"\)/);
  });

  it('says when the file is not JSON, missing or of the wrong shape', async () => {
    expect(() => loadInhopeMembers(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read/);
    const notJson = await write('not.json', '{ members: ');
    expect(() => loadInhopeMembers(notJson)).toThrow(/not\.json: not valid JSON/);
    const array = await write('array.json', '[]');
    expect(() => loadInhopeMembers(array)).toThrow(/array\.json: must be an object \{"members": \[\.\.\.\]\}/);
  });
});
