export { storeReport, type ReportSource, type ReportToStore, type StoredReport, type UploadToStore } from './store-report';
export { listQueue, enqueueForReview, type QueueItem } from './queue';
export { reportStatus, type ReportStatus } from './report-status';
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
  type ContentHashes,
  type ContentState,
  type ContentStatusRow,
  type NewContent,
} from './contents-store';
