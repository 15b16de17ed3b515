export { createFetcherService } from './service';
export { fetcherService } from './descriptor';
export { fetcherConfig, fetcherSecrets, type FetcherContext } from './config';
export { fetchReportedUrl } from './fetch-item';
