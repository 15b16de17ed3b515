import { randomBytes } from 'node:crypto';
import { contentKeyProblem, type SecretSpec } from '@hotline/platform';

const key32 = (variable: string, file: string): SecretSpec<Buffer> => ({
  variable,
  file,
  problem: contentKeyProblem,
  generate: () => randomBytes(32).toString('base64'),
  decode: (text) => Buffer.from(text, 'base64'),
});

/** Wraps each identity's record key (AES-256-GCM). Held by chat-intake alone (and the CLI for data-subject requests). */
export const identityVaultKeySecret = key32('IDENTITY_VAULT_KEY', 'identity-vault-key');

/** Keys the blind index and the redelivery digests (HMAC-SHA256): a separate key, so the index cannot open a record. */
export const identityIndexKeySecret = key32('IDENTITY_INDEX_KEY', 'identity-index-key');

export const identityVaultSecrets = { identityVaultKey: identityVaultKeySecret, identityIndexKey: identityIndexKeySecret };

export interface VaultKeys {
  identityVaultKey: Buffer;
  identityIndexKey: Buffer;
}
