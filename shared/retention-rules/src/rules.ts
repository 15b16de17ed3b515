import type { RetentionRulesConfig } from './config';
import type { RetentionRule } from './rule';
import { closedReportsRule } from './rules/closed-reports';
import { contentBytesRule } from './rules/content-bytes';
import { decisionNotesRule } from './rules/decision-notes';

/**
 * Every rule, in the order a run applies them: bytes first (the most sensitive), then reports, then
 * decision notes. The chat intake's identity rule joins this list (or is passed beside it) once merged.
 */
export function retentionRules(cfg: RetentionRulesConfig): RetentionRule[] {
  return [
    contentBytesRule({ daysAfterDecision: cfg.RETENTION_CONTENT_DAYS_AFTER_DECISION, maxDays: cfg.RETENTION_CONTENT_MAX_DAYS }),
    closedReportsRule({ months: cfg.RETENTION_REPORT_MONTHS }),
    decisionNotesRule({ years: cfg.RETENTION_DECISION_YEARS }),
  ];
}
