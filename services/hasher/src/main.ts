import { runMain } from '@hotline/platform';
import { createHasherService } from './service';

void runMain({ name: 'hasher', factories: [createHasherService], standalone: true });
