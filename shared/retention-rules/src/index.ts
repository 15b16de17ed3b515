export { retentionRulesConfig, type RetentionRulesConfig } from './config';
export { daysBefore, monthsBefore, yearsBefore, type RetentionRule } from './rule';
export { retentionRules } from './rules';
export { contentBytesRule } from './rules/content-bytes';
export { closedReportsRule, REMOVED_URL } from './rules/closed-reports';
export { decisionNotesRule } from './rules/decision-notes';
export { reporterIdentitiesRule } from './rules/reporter-identities';
export { planRetention, runRetention, type PlannedRule, type RetentionRun } from './run';
