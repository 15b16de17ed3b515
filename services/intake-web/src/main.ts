import { runMain } from '@hotline/shared';
import { createIntakeService } from './service';

void runMain({ name: 'intake-web', factories: [createIntakeService], standalone: true });
