export { recordAudit, verifyAuditChain, type AuditVerdict } from './audit-log';
export { auditRowHash, type AuditRowContent } from './audit-hash';
