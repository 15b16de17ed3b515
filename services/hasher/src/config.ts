import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { hashingConfig, videoConfig } from '@hotline/hashing';

/** The decoding limits of @hotline/hashing and how many images one hasher decodes at once. */
export const hasherConfig = {
  ...hashingConfig,
  ...videoConfig,
  HASH_CONCURRENCY: configFields.positiveInt.default(2),
};

/** It opens what the fetcher and the intake sealed. */
export const hasherSecrets = { contentKey: contentKeySecret };

export type HasherContext = ServiceContext<ConfigOf<typeof hasherConfig>, SecretsOf<typeof hasherSecrets>>;
