import { randomBytes } from 'node:crypto';
import { contentKeyProblem, type SecretSpec } from '@hotline/platform';

export const ACCOUNTS_KEY_FILE = 'review-accounts-key';

/**
 * The AES-256-GCM key that seals TOTP secrets at rest: held by review (logins) and the CLI (create-user),
 * never by a pipeline service. Same shape and checks as the content key, but a different key, so a leaked
 * content key opens no account.
 */
export const accountsKeySecret: SecretSpec<Buffer> = {
  variable: 'REVIEW_ACCOUNTS_KEY',
  file: ACCOUNTS_KEY_FILE,
  problem: contentKeyProblem,
  generate: () => randomBytes(32).toString('base64'),
  decode: (text) => Buffer.from(text, 'base64'),
};

export const accountsSecrets = { accountsKey: accountsKeySecret };
