import type { ContextOf } from '@hotline/platform';
import { chatIntakeService } from '@hotline/chat-intake';
import { fetcherService } from '@hotline/fetcher';
import { hasherService } from '@hotline/hasher';
import { intakeWebService } from '@hotline/intake-web';
import { matcherService } from '@hotline/matcher';
import { retentionService } from '@hotline/retention';
import { reviewService } from '@hotline/review';
import { takedownService } from '@hotline/takedown-service';

/**
 * Every service of the pipeline, in start order (consumers before the intake that feeds them). The process
 * running them all loads the union of their fragments and secrets.
 */
export const ALL_SERVICES = [
  reviewService,
  matcherService,
  hasherService,
  fetcherService,
  intakeWebService,
  chatIntakeService,
  retentionService,
  takedownService,
] as const;

export type AllServicesContext = ContextOf<typeof ALL_SERVICES>;
