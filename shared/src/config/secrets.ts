import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './schema';

export interface Secrets {
  contentKey: Buffer;
  reviewApiToken: string;
  /** True when this start created a secret file, so the entry point can print the new token once. */
  generated: { contentKey: boolean; reviewApiToken: boolean };
}

/**
 * Secrets come from the environment when set; otherwise they are generated on first start and kept
 * in DATA_DIR/secrets with mode 0600, so the embedded default works with no configuration at all.
 */
export function loadSecrets(cfg: Config): Secrets {
  const dir = path.join(cfg.dataDir, 'secrets');
  const key = cfg.CONTENT_ENCRYPTION_KEY
    ? { value: cfg.CONTENT_ENCRYPTION_KEY, generated: false }
    : readOrCreate(dir, 'content-encryption-key', () => randomBytes(32).toString('base64'));
  const token = cfg.REVIEW_API_TOKEN
    ? { value: cfg.REVIEW_API_TOKEN, generated: false }
    : readOrCreate(dir, 'review-api-token', () => randomBytes(24).toString('base64url'));
  return {
    contentKey: Buffer.from(key.value, 'base64'),
    reviewApiToken: token.value,
    generated: { contentKey: key.generated, reviewApiToken: token.generated },
  };
}

function readOrCreate(dir: string, name: string, make: () => string): { value: string; generated: boolean } {
  const file = path.join(dir, name);
  try {
    return { value: fs.readFileSync(file, 'utf8').trim(), generated: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = make();
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return { value, generated: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: fs.readFileSync(file, 'utf8').trim(), generated: false };
  }
}
