import { randomBytes } from 'node:crypto';
import { configFields, contentKeySecret, type ConfigOf, type SecretSpec, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { z } from 'zod';

export const reviewConfig = {
  REVIEW_HOST: z.string().default('127.0.0.1'),
  REVIEW_PORT: configFields.port.default(8081),
  /** Admin actions need the password and second factor re-entered within this many minutes. */
  REVIEW_REAUTH_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
};

export const MIN_TOKEN_LENGTH = 24;
export const REVIEW_TOKEN_FILE = 'review-api-token';

/** The bearer token of the review API: the review service's alone. */
export const reviewTokenSecret: SecretSpec<string> = {
  variable: 'REVIEW_API_TOKEN',
  file: REVIEW_TOKEN_FILE,
  problem: (t) => (t.length < MIN_TOKEN_LENGTH ? `must be at least ${MIN_TOKEN_LENGTH} characters` : undefined),
  generate: () => randomBytes(24).toString('base64url'),
  decode: (t) => t,
};

/** The API token, and the content key: analysts view images, decrypted on the fly (thumbnails blurred, full images audited). */
export const reviewSecrets = { reviewApiToken: reviewTokenSecret, contentKey: contentKeySecret };

export type ReviewContext = ServiceContext<ConfigOf<typeof reviewConfig>, SecretsOf<typeof reviewSecrets>>;
