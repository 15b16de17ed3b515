import { HotlineError, RateLimitedError, type RetryAfter } from '@hotline/platform';

/**
 * The intake's own refusals. Messages here are the English fallback for logs and tests; what a
 * reporter reads is rendered in their language from the code (error-messages.ts).
 */
export class UploadsDisabledError extends HotlineError {
  constructor() {
    super('uploads_disabled', 'This hotline does not accept images: report the web address only.', { status: 403 });
  }
}

export class CrossSiteError extends HotlineError {
  constructor() {
    super('cross_site', 'The report was sent from another website and was refused.', { status: 403 });
  }
}

export class MalformedBodyError extends HotlineError {
  constructor(reason: string) {
    super('malformed_body', `The form data could not be read: ${reason}.`, { status: 400 });
  }
}

/** Too many multipart bodies held in memory at once. */
export class BusyError extends HotlineError implements RetryAfter {
  constructor(readonly retryAfterSeconds: number) {
    super('busy', 'Too many images are being sent right now; try again shortly.', { status: 503, retriable: true });
  }
}

/** A multipart body still arriving after INTAKE_BODY_TIMEOUT_MS: it would hold an upload slot. */
export class BodyTimeoutError extends HotlineError {
  constructor() {
    super('body_timeout', 'The report took too long to arrive and was not saved; send it again.', { status: 408 });
  }
}

export class TooManyReportsError extends RateLimitedError implements RetryAfter {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many reports in a short time; please wait a minute and try again.');
  }
}

/** Same code as an unsupported image (415), told apart by `details.kind` so the message can say what to send. */
export class UnsupportedBodyError extends HotlineError {
  constructor() {
    super('unsupported_media', 'Send the report as application/json, application/x-www-form-urlencoded or multipart/form-data.', {
      status: 415,
      details: { kind: 'content_type' },
    });
  }
}

/**
 * Unknown reference, wrong code, malformed input and a report no longer kept all get this one answer,
 * so a guesser learns nothing about which references exist.
 */
export class StatusNotFoundError extends HotlineError {
  constructor() {
    super('status_not_found', 'No report matches this reference and code, or it is no longer kept.', { status: 404 });
  }
}

export class TooManyLookupsError extends RateLimitedError implements RetryAfter {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many status lookups in a short time; please wait a minute and try again.');
  }
}
