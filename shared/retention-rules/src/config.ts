import { identityVaultConfig } from '@hotline/identity-vault';
import { configFields, type ConfigOf } from '@hotline/platform';

const { positiveInt, int } = configFields;

/** The retention limits: the retention service's and the CLI's `retention`, which must select exactly as the service does. */
export const retentionRulesConfig = {
  /** IDENTITY_MAX_HOURS: the vault's, which chat-intake's deadline jobs use too. */
  ...identityVaultConfig,
  /** Sealed bytes of a content go this many days after its item's decision (a retention hold keeps them longer). */
  RETENTION_CONTENT_DAYS_AFTER_DECISION: int(0).default(30),
  /** … and this many days after they arrived in any case, decided or not (unless held). */
  RETENTION_CONTENT_MAX_DAYS: positiveInt.default(365),
  /** A closed report loses its URLs, description and pick-up code this many months after it closed. */
  RETENTION_REPORT_MONTHS: positiveInt.default(6),
  /** A decision's free-text note is dropped this many years after the decision; the verdict stays. */
  RETENTION_DECISION_YEARS: positiveInt.default(5),
  /** Rows one rule changes per transaction; a run repeats until nothing is left. */
  RETENTION_BATCH_SIZE: int(1, 100_000).default(1000),
};

export type RetentionRulesConfig = ConfigOf<typeof retentionRulesConfig>;
