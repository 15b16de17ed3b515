import { z } from 'zod';
import { configFields, type ConfigOf, type ServiceContext } from '@hotline/platform';

const { positiveInt, int, bool } = configFields;

/** Thresholds and list refresh. MATCH_MAX_PER_EVENT is the platform's: every process's sweeper re-sends matches. */
export const matcherConfig = {
  MATCH_BLOCKHASH_MAX_DISTANCE: int(0, 128).default(16),
  MATCH_PDQ_MAX_DISTANCE: int(0, 128).default(31),
  /** Match PDQ hashes of quality < 50 (queries and known) too; off by default, as in Meta's tools. */
  MATCH_PDQ_WEAK: bool.default(false),
  /** How often a matcher applies list changes (imports, disabled hashes) to its index. */
  MATCH_REFRESH_MS: positiveInt.default(2000),
  /** A video matches a known video of a video list when both shares of frames in common reach this (vPDQ's default). */
  MATCH_VIDEO_MIN_SHARE: z.coerce.number().min(0.01).max(1).default(0.5),
};

/** The matcher reads hashes, never content: it holds no secret. */
export const matcherSecrets = {};

export type MatcherContext = ServiceContext<ConfigOf<typeof matcherConfig>>;
