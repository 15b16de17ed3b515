import { runMain } from '@hotline/platform';
import { createFetcherService } from './service';

void runMain({ name: 'fetcher', factories: [createFetcherService], standalone: true });
