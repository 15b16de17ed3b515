import { defineService } from '@hotline/platform';
import { chatIntakeConfig, chatIntakeSecrets } from './config';
import { createChatIntakeService } from './service';

export const chatIntakeService = defineService({ name: 'chat-intake', config: chatIntakeConfig, secrets: chatIntakeSecrets, create: createChatIntakeService });
