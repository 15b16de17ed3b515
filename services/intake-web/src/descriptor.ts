import { defineService } from '@hotline/platform';
import { intakeConfig, intakeSecrets } from './config';
import { createIntakeService } from './service';

export const intakeWebService = defineService({ name: 'intake-web', config: intakeConfig, secrets: intakeSecrets, create: createIntakeService });
