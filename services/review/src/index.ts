export { createReviewService, type ReviewService } from './service';
