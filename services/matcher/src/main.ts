import { runMain } from '@hotline/shared';
import { createMatcherService } from './service';

void runMain({ name: 'matcher', factories: [createMatcherService], standalone: true });
