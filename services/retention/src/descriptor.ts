import { defineService } from '@hotline/platform';
import { retentionConfig, retentionSecrets } from './config';
import { createRetentionService } from './service';

export const retentionService = defineService({ name: 'retention', config: retentionConfig, secrets: retentionSecrets, create: createRetentionService });
