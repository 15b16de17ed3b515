import { defineService } from '@hotline/platform';
import { reviewConfig, reviewSecrets } from './config';
import { createReviewService } from './service';

export const reviewService = defineService({ name: 'review', config: reviewConfig, secrets: reviewSecrets, create: createReviewService });
