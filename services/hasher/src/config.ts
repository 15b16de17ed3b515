import os from 'node:os';
import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { hashingConfig, videoConfig } from '@hotline/hashing';

const cores = os.availableParallelism();

/** The decoding limits of @hotline/hashing, how many images one hasher takes at once and on how many threads. */
export const hasherConfig = {
  ...hashingConfig,
  ...videoConfig,
  /** Images (and videos) out at once; HASH_WORKERS × HASH_JOBS_PER_WORKER keeps every worker busy. */
  HASH_CONCURRENCY: configFields.positiveInt.default(2),
  /** Worker threads that decode and hash; more than the cores would only queue on them. */
  HASH_WORKERS: configFields.int(1, cores).default(Math.min(2, cores)),
  /**
   * Images a worker holds at once. 2 lets it hash one while libvips decodes the next, which helps a single worker;
   * with one worker per core it only adds libuv threads held by decoding (bench: hashing).
   */
  HASH_JOBS_PER_WORKER: configFields.int(1, 4).default(1),
};

/** It opens what the fetcher and the intake sealed. */
export const hasherSecrets = { contentKey: contentKeySecret };

export type HasherContext = ServiceContext<ConfigOf<typeof hasherConfig>, SecretsOf<typeof hasherSecrets>>;
