import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadSecrets, parseConfig } from '../src';

describe('configuration', () => {
  it('defaults to the embedded mode with no configuration at all', () => {
    const cfg = parseConfig({});
    expect(cfg.embedded).toBe(true);
    expect(cfg.INTAKE_PORT).toBe(8080);
    expect(cfg.REVIEW_PORT).toBe(8081);
    expect(cfg.FETCH_ALLOW_HOSTS).toEqual([]);
    expect(cfg.dataDir).toBe(path.resolve('./data'));
  });

  it('leaves the embedded mode when Kafka or PostgreSQL is configured', () => {
    expect(parseConfig({ KAFKA_BROKERS: 'a:9092, b:9092' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(parseConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).embedded).toBe(false);
  });

  it('fails with a message naming the variable', () => {
    expect(() => parseConfig({ INTAKE_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ INTAKE_PORT: 'eighty' })).toThrow(/INTAKE_PORT/);
    expect(() => parseConfig({ CONTENT_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/CONTENT_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => parseConfig({ DATABASE_SCHEMA: 'x; drop table' })).toThrow(/DATABASE_SCHEMA/);
  });
});

describe('secrets', () => {
  it('generates a key and a token on first start, mode 0600, and keeps them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-secrets-'));
    const cfg = parseConfig({ DATA_DIR: dir });
    const first = loadSecrets(cfg);
    expect(first.generated).toEqual({ contentKey: true, reviewApiToken: true });
    expect(first.contentKey).toHaveLength(32);
    expect(first.reviewApiToken.length).toBeGreaterThanOrEqual(24);
    for (const f of ['content-encryption-key', 'review-api-token']) {
      expect(fs.statSync(path.join(dir, 'secrets', f)).mode & 0o777).toBe(0o600);
    }
    const second = loadSecrets(cfg);
    expect(second.generated).toEqual({ contentKey: false, reviewApiToken: false });
    expect(second.contentKey.equals(first.contentKey)).toBe(true);
    expect(second.reviewApiToken).toBe(first.reviewApiToken);
  });

  it('prefers the environment', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const s = loadSecrets(parseConfig({ DATA_DIR: '/nonexistent-never-written', CONTENT_ENCRYPTION_KEY: key, REVIEW_API_TOKEN: 'x'.repeat(30) }));
    expect(s.contentKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(s.generated).toEqual({ contentKey: false, reviewApiToken: false });
  });
});
