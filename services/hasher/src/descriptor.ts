import { defineService } from '@hotline/platform';
import { hasherConfig, hasherSecrets } from './config';
import { createHasherService } from './service';

export const hasherService = defineService({ name: 'hasher', config: hasherConfig, secrets: hasherSecrets, create: createHasherService });
