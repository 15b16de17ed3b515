import os from 'node:os';
import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { hashingConfig, videoConfig } from '@hotline/hashing';

const cores = os.availableParallelism();
/**
 * One worker per two cores, each holding two images: while its thread hashes one, libvips decodes the next on another
 * core. On two cores this beat two workers of one image each (bench: hashing, README "Hashing, issue 12").
 */
const workers = Math.max(1, Math.floor(cores / 2));

/** The decoding limits of @hotline/hashing, how many images one hasher takes at once and on how many threads. */
export const hasherConfig = {
  ...hashingConfig,
  ...videoConfig,
  /** Images (and videos) out at once; HASH_WORKERS × HASH_JOBS_PER_WORKER keeps every worker busy. */
  HASH_CONCURRENCY: configFields.positiveInt.default(2 * workers),
  /** Worker threads that decode and hash; more than the cores would only queue on them. */
  HASH_WORKERS: configFields.int(1, cores).default(workers),
  /** Images a worker holds at once; each image in decoding holds one of the process's libuv threads. */
  HASH_JOBS_PER_WORKER: configFields.int(1, 4).default(2),
};

/** It opens what the fetcher and the intake sealed. */
export const hasherSecrets = { contentKey: contentKeySecret };

export type HasherContext = ServiceContext<ConfigOf<typeof hasherConfig>, SecretsOf<typeof hasherSecrets>>;
