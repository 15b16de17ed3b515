export { createReviewService, type ReviewService } from './service';
export { reviewService } from './descriptor';
export { MIN_TOKEN_LENGTH, REVIEW_TOKEN_FILE, reviewConfig, reviewSecrets, reviewTokenSecret, type ReviewContext } from './config';
export { enqueueMatched, enqueueUnresolvedItem, PREFILL_MAX_DISTANCE, PREFILL_MIN_QUALITY, type Enqueued } from './queue/enqueue';
export { decideItem, decideReport, type BulkResult, type Decided, type Decider } from './queue/decide';
export { buildReviewApp } from './app';
export type { Guard } from './http/route';
export type { Principal, Role } from './http/principal';
