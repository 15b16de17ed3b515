import { runMain } from '@hotline/shared';
import { createHasherService } from './service';

void runMain({ name: 'hasher', factories: [createHasherService], standalone: true });
