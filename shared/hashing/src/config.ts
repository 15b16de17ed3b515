import { configFields, type ConfigOf } from '@hotline/platform';

/** Decoding limits: the hasher's, and the CLI's `hash-file`, which must hash exactly as the hasher does. */
export const hashingConfig = {
  HASH_MAX_INPUT_PIXELS: configFields.positiveInt.default(50_000_000),
  /** Whole seconds, sharp's granularity: decoding one image longer than this fails the content. */
  HASH_DECODE_TIMEOUT_SECONDS: configFields.int(1, 600).default(20),
};

export type HashingConfig = ConfigOf<typeof hashingConfig>;
