export { createFetcherService } from './service';
export { fetchReportedUrl } from './fetch-item';
