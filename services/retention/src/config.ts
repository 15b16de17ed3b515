import type { ConfigOf, ServiceContext } from '@hotline/platform';
import { retentionRulesConfig } from '@hotline/retention-rules';
import { z } from 'zod';

/** The rules' limits (shared with the CLI's `retention`) and when the daily scan runs. */
export const retentionConfig = {
  ...retentionRulesConfig,
  /** UTC time of the daily scan, HH:MM. */
  RETENTION_DAILY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a UTC time HH:MM')
    .default('03:30'),
};

/** It deletes and overwrites rows; it reads no content and needs no key. */
export const retentionSecrets = {};

export type RetentionContext = ServiceContext<ConfigOf<typeof retentionConfig>>;
