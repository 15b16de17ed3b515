/**
 * Typed errors. Each carries a machine code, an HTTP status (for the one HTTP error handler)
 * and whether retrying can help (for bus consumers: retry what is retriable, park what is not).
 * Messages must never contain reporter identity.
 */
export class HotlineError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retriable: boolean;
  readonly details?: unknown;
  /** The message for logs when `message` holds something logs must not (a reported host name). */
  readonly logReason?: string;

  constructor(code: string, message: string, opts: { status?: number; retriable?: boolean; details?: unknown; cause?: unknown; logReason?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? 500;
    this.retriable = opts.retriable ?? false;
    this.details = opts.details;
    this.logReason = opts.logReason;
  }
}

export class ConfigError extends HotlineError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

export class ValidationError extends HotlineError {
  constructor(message: string, details?: unknown) {
    super('invalid_request', message, { status: 400, details });
  }
}

export class PayloadTooLargeError extends HotlineError {
  constructor(message: string) {
    super('payload_too_large', message, { status: 413 });
  }
}

export class UnsupportedMediaError extends HotlineError {
  /** `details` says what was refused (e.g. which uploaded file, and the format it turned out to be) for a message in the reporter's language. */
  constructor(message: string, details?: unknown) {
    super('unsupported_media', message, { status: 415, details });
  }
}

export class UnauthorizedError extends HotlineError {
  constructor(message = 'A valid bearer token is required.') {
    super('unauthorized', message, { status: 401 });
  }
}

export class NotFoundError extends HotlineError {
  constructor(message: string) {
    super('not_found', message, { status: 404 });
  }
}

/** Authenticated, but not allowed: the wrong role, a missing CSRF token, or an admin action without recent re-authentication (`code` says which). */
export class ForbiddenError extends HotlineError {
  constructor(message: string, code = 'forbidden') {
    super(code, message, { status: 403 });
  }
}

/** The request conflicts with the current state (a lease held by someone else, a decision already recorded differently); `code` says which. */
export class ConflictError extends HotlineError {
  constructor(message: string, code = 'conflict', details?: unknown) {
    super(code, message, { status: 409, details });
  }
}

/** What was asked for existed but is gone for good (retention deleted it); `code` says what. */
export class GoneError extends HotlineError {
  constructor(message: string, code = 'gone') {
    super(code, message, { status: 410 });
  }
}

export class RateLimitedError extends HotlineError {
  constructor(message: string) {
    super('rate_limited', message, { status: 429 });
  }
}

/** The SSRF guard said no: the target is not a public http(s) address. Never retried. */
export class FetchRefusedError extends HotlineError {
  constructor(message: string, opts: { logReason?: string } = {}) {
    super('fetch_refused', message, { status: 422, logReason: opts.logReason });
  }
}

/** The fetch itself failed (timeout, too large, bad status, unsupported type). */
export class FetchFailedError extends HotlineError {
  constructor(message: string, opts: { retriable?: boolean; logReason?: string } = {}) {
    super('fetch_failed', message, { status: 502, retriable: opts.retriable ?? false, logReason: opts.logReason });
  }
}

/** The image cannot be decoded or is refused by the decoder's limits. */
export class DecodeError extends HotlineError {
  constructor(message: string) {
    super('decode_failed', message, { status: 422 });
  }
}

/** An event did not match its schema; it goes to the dead-letter topic. */
export class EventSchemaError extends HotlineError {
  constructor(message: string) {
    super('event_invalid', message);
  }
}

export class InfrastructureError extends HotlineError {
  /** Sent as Retry-After by the HTTP error handler: outages mostly last seconds to a minute. */
  readonly retryAfterSeconds = 30;
  constructor(message: string, cause?: unknown) {
    super('infrastructure_unavailable', message, { status: 503, retriable: true, cause });
  }
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// Class 08 connection failures (not 08P01, a protocol violation: deterministic, retrying cannot help);
// 57P01–03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections.
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Client was closed and is not queryable/,
];
const KAFKA_CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLeaderNotFound',
  'KafkaJSMetadataNotLoaded',
]);

/**
 * A database or broker that is unreachable right now: retrying later will succeed, and giving up
 * (dead-lettering) would strand the work. Looks through `cause` / kafkajs `originalError` chains,
 * but not through a HotlineError other than InfrastructureError.
 */
export function isInfrastructureError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (e instanceof InfrastructureError) return true;
    // Our own errors say what they are: a fetch failure caused by a reported host's connection
    // reset is the host's problem, and must never pause a partition.
    if (e instanceof HotlineError) return false;
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code))) return true;
    if (typeof name === 'string' && KAFKA_CONNECTION_ERRORS.has(name)) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((re) => re.test(message))) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isInfrastructureError(x))) return true;
    e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return false;
}

export function isRetriable(err: unknown): boolean {
  // Unknown errors (a dropped connection, a driver hiccup) are retried a bounded number of times.
  return err instanceof HotlineError ? err.retriable : true;
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a log line may say about an error: its log reason when it has one (stored reasons keep the full message). */
export function logReasonOf(err: unknown): string {
  return err instanceof HotlineError && err.logReason !== undefined ? err.logReason : describeError(err);
}

/**
 * Sending mail failed. `mail_deferred` (retriable): the server was unreachable, timed out or answered
 * 4xx — try again later (through a timer). `mail_refused` (permanent): a 5xx, a refused recipient,
 * a TLS or authentication failure — retrying the same message will not help. `responseCode` is the
 * SMTP reply code when the server gave one.
 */
export class MailError extends HotlineError {
  readonly responseCode?: number;
  constructor(code: 'mail_deferred' | 'mail_refused' | 'mail_not_configured', message: string, opts: { responseCode?: number; cause?: unknown } = {}) {
    super(code, message, { status: code === 'mail_deferred' ? 503 : 502, retriable: code === 'mail_deferred', cause: opts.cause });
    this.responseCode = opts.responseCode;
  }
}
