export { buildReviewApp, type ReviewAppOptions } from './app';
export { createReviewService, type ReviewService } from './service';
export { reviewService } from './descriptor';
export { reviewConfig, reviewSecrets, type ReviewContext } from './config';
export { reviewRoutes } from './api/routes';
