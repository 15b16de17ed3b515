export { storeReport, type ReportSource, type ReportToStore, type StoredReport, type UploadToStore } from './store-report';
export {
  enqueueContent,
  enqueueUnresolved,
  findQueueItem,
  listQueue,
  priorityRank,
  resolveSource,
  type EnqueuedContent,
  type QueueFilter,
  type QueueItem,
  type ReviewKind,
  type ReviewStatus,
} from './queue';
export { analystMaySee, claimNext, holdsLease, releaseLease, renewLease, type Claimed } from './leases';
export {
  finalDecision,
  findDecision,
  EFFECTIVE_FIRST,
  insertDecision,
  itemHead,
  listDecisions,
  lockItem,
  nearDuplicateDecision,
  reopenItem,
  setItemStatus,
  setPrefill,
  type DecisionInput,
  type DecisionRow,
  type DecisionStage,
  type LockedItem,
} from './decisions-store';
export { closeReportIfDone, finishedOpenReports, itemReportIds, lockReports, itemUrls, openItemsOfReport, type ReportOutcome } from './report-closing';
export { BREAK_GAP_MINUTES, countReveal, readExposure, readSettings, writeSettings, type Exposure, type ReviewSettings } from './review-settings';
export { listClosedReports, listItemSources, prefillOf, type ClosedReport, type ItemSource } from './item-detail';
export { readDashboard, type Dashboard } from './dashboard';
export { newPickupCode, normalisePickupCode, pickupCodeMatches, publicReportStatus, type NewPickupCode, type PublicStatus } from './pickup-codes';
export { reportStatus, type ReportReviewItem, type ReportStatus } from './report-status';
export {
  findReport,
  insertLinkedItem,
  insertReport,
  insertReportedItem,
  itemState,
  listItems,
  settleItem,
  type ItemRow,
  type ItemSettlement,
  type ItemState,
  type ReportRow,
} from './report-store';
export {
  contentState,
  failContent,
  insertContent,
  listReportContents,
  recordHashes,
  contentFacts,
  type ContentHashes,
  type ReviewContentFacts,
  type ContentState,
  type ContentStatusRow,
  type NewContent,
  contentSource,
} from './contents-store';
export { contentFrames, recordVideoHashes, type VideoContentHashes } from './video-frames-store';
export { firstFrameMs, hasFrameAt, videoReview, type KnownVideoHit, type VideoListHit, type VideoReview } from './video-review';
