import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { contentKeyProblem } from './content-key';
import { MIN_TOKEN_LENGTH, type Config } from './schema';

export interface Secrets {
  contentKey: Buffer;
  reviewApiToken: string;
  /** True when this start created a secret file, so the entry point can say where the new token is. */
  generated: { contentKey: boolean; reviewApiToken: boolean };
}

export const CONTENT_KEY_FILE = 'content-encryption-key';
export const REVIEW_TOKEN_FILE = 'review-api-token';

export function secretFile(cfg: Config, name: string): string {
  return path.join(cfg.dataDir, 'secrets', name);
}

/**
 * Secrets come from the environment when set (schema.ts checks them); otherwise they are generated on first
 * start and kept in DATA_DIR/secrets with mode 0600, so the embedded default works with no configuration at all.
 * A file gets the same checks as the variable: it may have been edited or copied from somewhere.
 */
export function loadSecrets(cfg: Config): Secrets {
  const key = cfg.CONTENT_ENCRYPTION_KEY
    ? { value: cfg.CONTENT_ENCRYPTION_KEY, generated: false }
    : readOrCreate(secretFile(cfg, CONTENT_KEY_FILE), () => randomBytes(32).toString('base64'), contentKeyProblem);
  const token = cfg.REVIEW_API_TOKEN
    ? { value: cfg.REVIEW_API_TOKEN, generated: false }
    : readOrCreate(secretFile(cfg, REVIEW_TOKEN_FILE), () => randomBytes(24).toString('base64url'), (t) =>
        t.length < MIN_TOKEN_LENGTH ? `must hold a token of at least ${MIN_TOKEN_LENGTH} characters` : undefined,
      );
  return {
    contentKey: Buffer.from(key.value, 'base64'),
    reviewApiToken: token.value,
    generated: { contentKey: key.generated, reviewApiToken: token.generated },
  };
}

function readOrCreate(file: string, make: () => string, problemOf: (value: string) => string | undefined): { value: string; generated: boolean } {
  const existing = readSecret(file);
  if (existing !== undefined) return { value: checked(file, existing, problemOf), generated: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return { value, generated: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: checked(file, readSecret(file) ?? '', problemOf), generated: false };
  }
}

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The message names the file, never its content. */
function checked(file: string, value: string, problemOf: (value: string) => string | undefined): string {
  const problem = problemOf(value);
  if (problem) throw new ConfigError(`${file} ${problem}; replace the file's content or, on a fresh installation, delete it to have one generated`);
  return value;
}
