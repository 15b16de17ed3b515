import { runMain } from '@hotline/platform';
import { takedownService } from './descriptor';

void runMain({ name: 'takedown', services: [takedownService], standalone: true });
