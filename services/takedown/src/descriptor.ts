import { defineService } from '@hotline/platform';
import { takedownConfig, takedownSecrets } from './config';
import { createTakedownService } from './service';

export const takedownService = defineService({ name: 'takedown', config: takedownConfig, secrets: takedownSecrets, create: createTakedownService });
