import { defineService } from '@hotline/platform';
import { safeFetchWarnings } from '@hotline/safe-fetch';
import { fetcherConfig, fetcherSecrets } from './config';
import { createFetcherService } from './service';

export const fetcherService = defineService({
  name: 'fetcher',
  config: fetcherConfig,
  secrets: fetcherSecrets,
  create: createFetcherService,
  warnings: safeFetchWarnings,
});
