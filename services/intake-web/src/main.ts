import { runMain } from '@hotline/platform';
import { intakeWebService } from './descriptor';

void runMain({ name: 'intake-web', services: [intakeWebService], standalone: true });
