import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_SERVICES, type AllServicesContext } from '@hotline/all-in-one';
import { ConfigError, loadSettings, mergeDescriptors, parseConfig, type RawEnv } from '@hotline/platform';

/** The all-in-one process's configuration (every fragment), without loading secrets. */
const allConfig = (raw: RawEnv) => parseConfig(raw, mergeDescriptors(ALL_SERVICES).config) as AllServicesContext['cfg'];
/** What the all-in-one process loads: every fragment and every secret. */
const load = (raw: RawEnv) => loadSettings(ALL_SERVICES, { name: 'hotline', standalone: false }, raw);
const loadSecrets = (raw: RawEnv) => {
  const s = load(raw);
  return {
    ...s.secrets,
    generated: { contentKey: s.secretSources.contentKey === 'generated', accountsKey: s.secretSources.accountsKey === 'generated' },
  };
};

describe('configuration', () => {
  it('defaults to the embedded mode with no configuration at all', () => {
    const cfg = allConfig({});
    expect(cfg.embedded).toBe(true);
    expect(cfg.INTAKE_PORT).toBe(8080);
    expect(cfg.REVIEW_PORT).toBe(8081);
    expect(cfg.FETCH_ALLOW_HOSTS).toEqual([]);
    expect(cfg.dataDir).toBe(path.resolve('./data'));
  });

  it('leaves the embedded mode when Kafka or PostgreSQL is configured', () => {
    expect(allConfig({ KAFKA_BROKERS: 'a:9092, b:9092' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(allConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).embedded).toBe(false);
  });

  it('fails with a message naming the variable', () => {
    expect(() => allConfig({ INTAKE_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => allConfig({ INTAKE_PORT: 'eighty' })).toThrow(/INTAKE_PORT/);
    expect(() => load({ DATA_DIR: '/nonexistent-never-written', CONTENT_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/CONTENT_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => allConfig({ DATABASE_SCHEMA: 'x; drop table' })).toThrow(/DATABASE_SCHEMA/);
  });
});

describe('secrets', () => {
  it('generates the content key and the accounts key on first start, mode 0600, and keeps them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-secrets-'));
    const cfg = { DATA_DIR: dir };
    const first = loadSecrets(cfg);
    expect(first.generated).toEqual({ contentKey: true, accountsKey: true });
    expect(first.contentKey).toHaveLength(32);
    expect(first.accountsKey).toHaveLength(32);
    expect(first.accountsKey.equals(first.contentKey)).toBe(false);
    for (const f of ['content-encryption-key', 'review-accounts-key']) {
      expect(fs.statSync(path.join(dir, 'secrets', f)).mode & 0o777).toBe(0o600);
    }
    const second = loadSecrets(cfg);
    expect(second.generated).toEqual({ contentKey: false, accountsKey: false });
    expect(second.contentKey.equals(first.contentKey)).toBe(true);
    expect(second.accountsKey.equals(first.accountsKey)).toBe(true);
  });

  it('prefers the environment', () => {
    const key = randomBytes(32);
    const accounts = randomBytes(32);
    const s = loadSecrets({
      DATA_DIR: '/nonexistent-never-written',
      CONTENT_ENCRYPTION_KEY: key.toString('base64'),
      REVIEW_ACCOUNTS_KEY: accounts.toString('base64'),
    });
    expect(s.contentKey.equals(key)).toBe(true);
    expect(s.accountsKey.equals(accounts)).toBe(true);
    expect(s.generated).toEqual({ contentKey: false, accountsKey: false });
  });
});

describe('item 16: secrets are checked strictly, from the environment and from their files', () => {
  const good = randomBytes(32).toString('base64');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const secretFile = (name: string, text: string) => {
    fs.mkdirSync(path.join(dir, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'secrets', name), text, { mode: 0o600 });
    return path.join(dir, 'secrets', name);
  };

  it('item 16: refuses an all-zero key and any key of one repeated byte', () => {
    expect(() => load({ DATA_DIR: dir, CONTENT_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') })).toThrow(/CONTENT_ENCRYPTION_KEY: .*one byte/);
    expect(() => load({ DATA_DIR: dir, CONTENT_ENCRYPTION_KEY: Buffer.alloc(32, 0xa5).toString('base64') })).toThrow(ConfigError);
  });

  it("item 16: refuses base64 that only decodes loosely to 32 bytes ('AAAA…', no padding, stray characters, url-safe)", () => {
    const loose = [
      'A'.repeat(43), // all zeros, unpadded: Buffer.from reads it as 32 bytes
      good.replace(/=$/, ''),
      `${good.slice(0, 20)}*${good.slice(20)}`,
      ` ${good}`,
      good.replace(/\+/g, '-').replace(/\//g, '_'),
      good.slice(0, 42) + String.fromCharCode(good.charCodeAt(42) ^ 1) + '=', // unused low bits set
      randomBytes(33).toString('base64'),
    ].filter((k) => k !== good);
    for (const key of loose) {
      expect(Buffer.from(key, 'base64').length).toBeGreaterThanOrEqual(31); // what the old check looked at
      expect(() => load({ DATA_DIR: dir, CONTENT_ENCRYPTION_KEY: key })).toThrow(/CONTENT_ENCRYPTION_KEY: must be 32 bytes/);
    }
    expect(load({ DATA_DIR: dir, CONTENT_ENCRYPTION_KEY: good }).secrets.contentKey.toString('base64')).toBe(good);
  });

  it('item 16: a key file holding a bad key stops start-up with the file named', () => {
    const file = secretFile('content-encryption-key', `${Buffer.alloc(32).toString('base64')}\n`);
    const cfg = { DATA_DIR: dir, REVIEW_ACCOUNTS_KEY: randomBytes(32).toString('base64') };
    expect(() => loadSecrets(cfg)).toThrow(ConfigError);
    expect(() => loadSecrets(cfg)).toThrow(file);
    secretFile('content-encryption-key', `${good}\n`);
    expect(loadSecrets(cfg).contentKey.toString('base64')).toBe(good);
  });

  it('item 16: an accounts key file that is not a key is refused, naming the file and not its content', () => {
    const text = 'c2hvcnQ-not-a-key';
    const file = secretFile('review-accounts-key', `${text}\n`);
    const cfg = { DATA_DIR: dir, CONTENT_ENCRYPTION_KEY: good };
    let thrown: unknown;
    try {
      loadSecrets(cfg);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(file);
    expect((thrown as Error).message).toMatch(/32 bytes/);
    expect((thrown as Error).message).not.toContain(text);
    secretFile('review-accounts-key', '\n');
    expect(() => loadSecrets(cfg)).toThrow(file);
  });
});
