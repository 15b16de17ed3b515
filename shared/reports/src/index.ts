export { storeReport, type ReportSource, type ReportToStore, type StoredReport, type UploadToStore } from './store-report';
export { listQueue, enqueueForReview, type QueueItem } from './queue';
export { reportStatus, type ReportStatus } from './report-status';
