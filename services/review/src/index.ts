export { buildReviewApp, type ReviewAppOptions } from './app';
export { createReviewService, type ReviewService } from './service';
export { reviewService } from './descriptor';
export { MIN_TOKEN_LENGTH, REVIEW_TOKEN_FILE, reviewConfig, reviewSecrets, reviewTokenSecret, type ReviewContext } from './config';
