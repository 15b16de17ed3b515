import { runMain } from '@hotline/platform';
import { createIntakeService } from './service';

void runMain({ name: 'intake-web', factories: [createIntakeService], standalone: true });
