import { runMain } from '@hotline/platform';
import { reviewService } from './descriptor';

void runMain({ name: 'review', services: [reviewService], standalone: true });
