import { runMain } from '@hotline/platform';
import { matcherService } from './descriptor';

void runMain({ name: 'matcher', services: [matcherService], standalone: true });
