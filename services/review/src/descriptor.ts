import { defineService } from '@hotline/platform';
import { reviewConfig, reviewConfigProblems, reviewSecrets } from './config';
import { createReviewService } from './service';

export const reviewService = defineService({
  name: 'review',
  config: reviewConfig,
  secrets: reviewSecrets,
  configProblems: reviewConfigProblems,
  create: createReviewService,
});
