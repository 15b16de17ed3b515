export { createIntakeService, type IntakeService } from './service';
export { intakeWebService } from './descriptor';
export { intakeConfig, intakeSecrets, type IntakeConfig, type IntakeContext } from './config';
export { buildIntakeApp } from './app';
