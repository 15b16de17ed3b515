import { runMain } from '@hotline/platform';
import { retentionService } from './descriptor';

void runMain({ name: 'retention', services: [retentionService], standalone: true });
