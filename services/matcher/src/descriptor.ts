import { defineService } from '@hotline/platform';
import { matcherConfig, matcherSecrets } from './config';
import { createMatcherService } from './service';

export const matcherService = defineService({ name: 'matcher', config: matcherConfig, secrets: matcherSecrets, create: createMatcherService });
