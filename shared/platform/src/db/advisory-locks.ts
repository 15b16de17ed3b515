/**
 * Every PostgreSQL advisory lock number the pipeline takes, in one place so no two uses share one
 * by accident (a shared number makes unrelated work wait for, or silently skip, each other).
 */
export const ADVISORY_LOCKS = {
  /** migrate(): one process applies migrations at a time. */
  migrations: 72615320,
  /** The sweeper: one process sweeps at a time (try-lock: a busy lock skips the sweep). Unchanged
   *  number, so old and new sweepers still exclude each other during a rolling deploy. */
  sweep: 72615321,
  /** import-hashes: imports take turns so each one's new ids form one range. */
  listImport: 72615322,
} as const;
