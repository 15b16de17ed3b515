import { runMain } from '@hotline/platform';
import { createReviewService } from './service';

void runMain({ name: 'review', factories: [createReviewService], standalone: true, requires: ['REVIEW_API_TOKEN'] });
