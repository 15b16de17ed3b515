import type { RetentionRulesConfig } from './config';
import type { RetentionRule } from './rule';
import { closedReportsRule } from './rules/closed-reports';
import { closedTakedownCasesRule } from './rules/closed-takedown-cases';
import { contentBytesRule } from './rules/content-bytes';
import { decisionNotesRule } from './rules/decision-notes';
import { reporterIdentitiesRule } from './rules/reporter-identities';

/**
 * Every rule, in the order a run applies them: reporter identities first (the promise with the shortest
 * deadline), then bytes (the most sensitive material), then reports and takedown cases, then decision notes.
 */
export function retentionRules(cfg: RetentionRulesConfig): RetentionRule[] {
  return [
    reporterIdentitiesRule({ maxHours: cfg.IDENTITY_MAX_HOURS }),
    contentBytesRule({ daysAfterDecision: cfg.RETENTION_CONTENT_DAYS_AFTER_DECISION, maxDays: cfg.RETENTION_CONTENT_MAX_DAYS }),
    closedReportsRule({ months: cfg.RETENTION_REPORT_MONTHS }),
    closedTakedownCasesRule({ months: cfg.RETENTION_REPORT_MONTHS }),
    decisionNotesRule({ years: cfg.RETENTION_DECISION_YEARS }),
  ];
}
