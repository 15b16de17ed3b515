/** Turns stored messages into a report (downloads, sniffing, storeReport): keyed by inbox row. */
export const PROCESS_JOB = 'chat-intake.process';
/** Sends an acknowledgement or the feedback, retrying within CHAT_NOTIFY_MAX_ATTEMPTS: keyed by kind, report and attempt. */
export const NOTIFY_JOB = 'chat-intake.notify';
/** Destroys an identity IDENTITY_MAX_HOURS after receipt whatever happened: keyed by identity id. */
export const DEADLINE_JOB = 'chat-intake.identity-deadline';
