/** The takedown service's durable timers. Other deployables (the review API) schedule them; only takedown runs them. */
export const TAKEDOWN_JOBS = {
  /** Trace the hosting of a case and route it. Key `<caseId>:trace:<n>`. */
  trace: 'takedown.trace',
  /** Re-fetch and re-hash a case's URL. Key `<caseId>:check:<n>`. */
  check: 'takedown.check',
  /** Send one referral. Key = the referral id. */
  referral: 'takedown.referral',
  /** Put a held case's first notice in line when its hold ends. Key `<caseId>:hold:<routing time in ms>`. */
  holdEnds: 'takedown.hold-ends',
  /** Recurring: send the due notices, one mail per abuse address. */
  sendNotices: 'takedown.send-notices',
} as const;
