import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_SERVICES } from '@hotline/all-in-one';
import { fetcherService, type FetcherContext } from '@hotline/fetcher';
import { hasherService } from '@hotline/hasher';
import { matcherService, type MatcherContext } from '@hotline/matcher';
import { reviewService } from '@hotline/review';
import { ConfigError, loadSettings, type RawEnv } from '@hotline/platform';

/** Each service declares its fragment and its secrets; a process loads those and nothing else (issue 8 item 2). */
describe('config and secrets per service (issue 8 item 2)', () => {
  let dataDir: string;
  let env: RawEnv;
  const accountsKey = randomBytes(32).toString('base64');
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-config-'));
    // Everything a careless deployment might hand every container alike.
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://hotline@db.invalid/hotline',
      KAFKA_BROKERS: 'kafka.invalid:9092',
      CONTENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      REVIEW_ACCOUNTS_KEY: accountsKey,
      REVIEW_PORT: '8081',
      INTAKE_PORT: '8080',
    };
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("item 2: the fetcher's settings hold its own fragments and the content key, not the accounts key", () => {
    const s = loadSettings([fetcherService], { name: 'fetcher', standalone: true }, env);
    expect(Object.keys(s.secrets)).toEqual(['contentKey']);
    expect(s.secrets).not.toHaveProperty('accountsKey');
    expect(JSON.stringify(s)).not.toContain(accountsKey);
    expect(s.cfg.FETCH_TIMEOUT_MS).toBe(15000);
    expect(s.cfg.FETCH_MAX_PARSE_BYTES).toBe(4 * 1024 * 1024);
    expect(Object.keys(s.cfg).filter((k) => /^(REVIEW|INTAKE|HOTLINE|HASH)_/.test(k))).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'secrets'))).toBe(false);
  });

  it('item 2: a bad variable of another service does not stop the fetcher, its own does', () => {
    const others = { REVIEW_PORT: 'eighty', INTAKE_PORT: '-1', HASH_CONCURRENCY: 'many', MATCH_PDQ_MAX_DISTANCE: '999', HOTLINE_PRIVACY_URL: 'not a url' };
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, { ...env, ...others })).not.toThrow();
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, { ...env, ...others, FETCH_MAX_REDIRECTS: '99' })).toThrow(ConfigError);
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, { ...env, FETCH_MAX_REDIRECTS: '99' })).toThrow(/FETCH_MAX_REDIRECTS/);
    // A platform variable is everybody's.
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, { ...env, BUS_MAX_ATTEMPTS: '0' })).toThrow(/BUS_MAX_ATTEMPTS/);
    expect(() => loadSettings([reviewService], { name: 'review', standalone: true }, { ...env, REVIEW_PORT: 'eighty' })).toThrow(/REVIEW_PORT/);
  });

  it('the hasher takes HASH_DECODE_SIDE 0 (full resolution) or 128 and more, and refuses a side that would wreck PDQ', () => {
    const hasher = (side: string) => loadSettings([hasherService], { name: 'hasher', standalone: true }, { ...env, HASH_DECODE_SIDE: side }).cfg;
    expect(loadSettings([hasherService], { name: 'hasher', standalone: true }, env).cfg.HASH_DECODE_SIDE).toBe(256);
    expect(hasher('0').HASH_DECODE_SIDE).toBe(0);
    expect(hasher('512').HASH_DECODE_SIDE).toBe(512);
    expect(() => hasher('16')).toThrow(/HASH_DECODE_SIDE/);
    expect(() => hasher('64')).toThrow(/is 0 \(full resolution\) or at least 128/);
  });

  it('the review refuses to start on a non-loopback REVIEW_HOST without REVIEW_ORIGIN (its session cookie would not be Secure)', () => {
    const review = (more: RawEnv) => () => loadSettings([reviewService], { name: 'review', standalone: true }, { ...env, ...more });
    expect(review({ REVIEW_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(review({ REVIEW_HOST: '0.0.0.0' })).toThrow(/REVIEW_ORIGIN: must be set when REVIEW_HOST \(0\.0\.0\.0\) is not a loopback address/);
    expect(review({ REVIEW_HOST: '10.1.2.3' })).toThrow(/REVIEW_ORIGIN/);
    expect(() => loadSettings(ALL_SERVICES, { name: 'all-in-one', standalone: false }, { ...env, REVIEW_HOST: '::' })).toThrow(/REVIEW_ORIGIN/);
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(review({ REVIEW_HOST: host })).not.toThrow();
    expect(review({ REVIEW_HOST: '0.0.0.0', REVIEW_ORIGIN: 'https://review.example.org' })).not.toThrow();
  });

  it('item 2: a bad value of a secret the process did not declare is not even looked at', () => {
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, { ...env, REVIEW_ACCOUNTS_KEY: 'c2hvcnQ=' })).not.toThrow();
    expect(() => loadSettings([reviewService], { name: 'review', standalone: true }, { ...env, REVIEW_ACCOUNTS_KEY: 'c2hvcnQ=' })).toThrow(
      /REVIEW_ACCOUNTS_KEY: must be 32 bytes/,
    );
    expect(() => loadSettings([matcherService], { name: 'matcher', standalone: true }, { ...env, CONTENT_ENCRYPTION_KEY: 'c2hvcnQ=' })).not.toThrow();
    expect(() => loadSettings([hasherService], { name: 'hasher', standalone: true }, { ...env, CONTENT_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /CONTENT_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });

  it('item 2: a standalone service is given its secrets and makes none up; one without secrets needs none', () => {
    const { CONTENT_ENCRYPTION_KEY: _key, REVIEW_ACCOUNTS_KEY: _token, ...infra } = env;
    expect(() => loadSettings([fetcherService], { name: 'fetcher', standalone: true }, infra)).toThrow(
      /CONTENT_ENCRYPTION_KEY must be set to run fetcher on its own/,
    );
    expect(() => loadSettings([reviewService], { name: 'review', standalone: true }, infra)).toThrow(
      /REVIEW_ACCOUNTS_KEY, CONTENT_ENCRYPTION_KEY must be set to run review on its own/,
    );
    expect(loadSettings([matcherService], { name: 'matcher', standalone: true }, infra).secrets).toEqual({});
    expect(() => loadSettings([matcherService], { name: 'matcher', standalone: true }, { DATA_DIR: dataDir })).toThrow(
      /KAFKA_BROKERS, DATABASE_URL must be set/,
    );
    expect(fs.existsSync(path.join(dataDir, 'secrets'))).toBe(false);
  });

  it('item 2: the all-in-one process merges every fragment and secret, and generates the secrets it is not given', () => {
    const s = loadSettings(ALL_SERVICES, { name: 'hotline', standalone: false }, { DATA_DIR: dataDir });
    expect(Object.keys(s.secrets).sort()).toEqual(['accountsKey', 'contentKey', 'identityIndexKey', 'identityVaultKey', 'signingKey']);
    expect(s.secretSources).toEqual({
      accountsKey: 'generated',
      contentKey: 'generated',
      identityIndexKey: 'generated',
      identityVaultKey: 'generated',
      signingKey: 'generated',
    });
    // The hasher's default: two images for each worker, one worker per two cores.
    const hashConcurrency = 2 * Math.max(1, Math.floor(os.availableParallelism() / 2));
    expect([s.cfg.INTAKE_PORT, s.cfg.REVIEW_PORT, s.cfg.FETCH_CONCURRENCY, s.cfg.HASH_CONCURRENCY, s.cfg.MATCH_PDQ_MAX_DISTANCE]).toEqual([
      8080,
      8081,
      4,
      hashConcurrency,
      31,
    ]);
    expect(fs.readdirSync(path.join(dataDir, 'secrets')).sort()).toEqual([
      'content-encryption-key',
      'identity-index-key',
      'identity-vault-key',
      'review-accounts-key',
      'takedown-signing-key',
    ]);
  });

  it("item 2: a service's context is typed by what it declared (npm run typecheck checks the lines below)", () => {
    const typesOnly = (fetcher: FetcherContext, matcher: MatcherContext) => {
      // @ts-expect-error the fetcher reads no review variable
      void fetcher.cfg.REVIEW_PORT;
      // @ts-expect-error nor holds the accounts key
      void fetcher.secrets.accountsKey;
      // @ts-expect-error the matcher holds no content key, so it has no content store
      void matcher.content;
      return [fetcher.cfg.FETCH_TIMEOUT_MS, fetcher.content, fetcher.cfg.KAFKA_SESSION_TIMEOUT_MS, matcher.cfg.MATCH_REFRESH_MS];
    };
    expect(typeof typesOnly).toBe('function');
  });
});
