import { runMain } from '@hotline/platform';
import { chatIntakeService } from './descriptor';

void runMain({ name: 'chat-intake', services: [chatIntakeService], standalone: true });
