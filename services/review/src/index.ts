export { createReviewService, type ReviewService } from './service';
export { listQueue, enqueueForReview, type QueueItem } from './queue';
export { reportStatus, type ReportStatus } from './report-status';
