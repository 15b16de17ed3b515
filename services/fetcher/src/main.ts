import { runMain } from '@hotline/shared';
import { createFetcherService } from './service';

void runMain({ name: 'fetcher', factories: [createFetcherService], standalone: true });
