import { runMain } from '@hotline/platform';
import { hasherService } from './descriptor';

void runMain({ name: 'hasher', services: [hasherService], standalone: true });
