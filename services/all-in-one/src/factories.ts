import type { ServiceFactory } from '@hotline/platform';
import { createFetcherService } from '@hotline/fetcher';
import { createHasherService } from '@hotline/hasher';
import { createIntakeService } from '@hotline/intake-web';
import { createMatcherService } from '@hotline/matcher';
import { createReviewService } from '@hotline/review';

/** Every service of the pipeline, in start order (consumers before the intake that feeds them). */
export const ALL_SERVICES: ServiceFactory[] = [
  createReviewService,
  createMatcherService,
  createHasherService,
  createFetcherService,
  createIntakeService,
];
