import { configFields, type ConfigOf } from '@hotline/platform';
import { DEFAULT_DECODE_SIDE } from './decode-size';

/** Decoding limits: the hasher's, and the CLI's `hash-file`, which must hash exactly as the hasher does. */
export const hashingConfig = {
  HASH_MAX_INPUT_PIXELS: configFields.positiveInt.default(50_000_000),
  /** Whole seconds, sharp's granularity: decoding one image longer than this fails the content. */
  HASH_DECODE_TIMEOUT_SECONDS: configFields.int(1, 600).default(20),
  /**
   * Short side a large picture is decoded to for hashing (decode-size.ts); 0 decodes the full resolution. Below 128
   * PDQ's 64×64 grid would get under two pixels a cell and move tens of bits, so that is refused.
   */
  HASH_DECODE_SIDE: configFields
    .int(0, 4096)
    .refine((v) => v === 0 || v >= 128, 'is 0 (full resolution) or at least 128')
    .default(DEFAULT_DECODE_SIDE),
};

export type HashingConfig = ConfigOf<typeof hashingConfig>;

/** The decoding options every caller of hashImage passes, so the hasher, takedown's checks and `hash-file` agree. */
export function hashOptionsFrom(cfg: HashingConfig): { maxInputPixels: number; decodeTimeoutSeconds: number; decodeSide: number } {
  return { maxInputPixels: cfg.HASH_MAX_INPUT_PIXELS, decodeTimeoutSeconds: cfg.HASH_DECODE_TIMEOUT_SECONDS, decodeSide: cfg.HASH_DECODE_SIDE };
}
