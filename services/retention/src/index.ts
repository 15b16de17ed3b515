export { createRetentionService, RETENTION_JOB } from './service';
export { retentionService } from './descriptor';
export { retentionConfig, retentionSecrets, type RetentionContext } from './config';
