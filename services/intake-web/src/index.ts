export { createIntakeService, type IntakeService } from './service';
export { buildIntakeApp } from './app';
