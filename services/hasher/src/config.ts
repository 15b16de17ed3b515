import os from 'node:os';
import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { hashingConfig, videoConfig } from '@hotline/hashing';

const cores = os.availableParallelism();

/** The decoding limits of @hotline/hashing, how many images one hasher takes at once and on how many threads. */
export const hasherConfig = {
  ...hashingConfig,
  ...videoConfig,
  /** Images out at once: two per worker thread keeps each one busy (the pool's jobsPerWorker). */
  HASH_CONCURRENCY: configFields.positiveInt.default(2 * Math.min(2, cores)),
  /** Worker threads that decode and hash; more than the cores would only queue on them. */
  HASH_WORKERS: configFields.int(1, cores).default(Math.min(2, cores)),
};

/** It opens what the fetcher and the intake sealed. */
export const hasherSecrets = { contentKey: contentKeySecret };

export type HasherContext = ServiceContext<ConfigOf<typeof hasherConfig>, SecretsOf<typeof hasherSecrets>>;
