export { buildReviewApp, type ReviewAppOptions } from './app';
export { createReviewService, type ReviewService } from './service';
export { reviewService } from './descriptor';
export { reviewConfig, reviewSecrets, type ReviewContext } from './config';
export { reviewRoutes } from './api/routes';
export { enqueueMatched, enqueueUnresolvedItem, PREFILL_MAX_DISTANCE, PREFILL_MIN_QUALITY, type Enqueued } from './queue/enqueue';
export { decideItem, decideReport, type BulkResult, type Decided, type Decider } from './queue/decide';
export type { Guard } from './http/route';
export type { Principal, Role } from './http/principal';
