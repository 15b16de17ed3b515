import { runMain } from '@hotline/platform';
import { createMatcherService } from './service';

void runMain({ name: 'matcher', factories: [createMatcherService], standalone: true });
