import { runMain } from '@hotline/platform';
import { fetcherService } from './descriptor';

void runMain({ name: 'fetcher', services: [fetcherService], standalone: true });
