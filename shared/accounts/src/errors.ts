import { ConflictError, HotlineError, RateLimitedError } from '@hotline/platform';

/** One answer for an unknown user, a wrong password and a wrong or replayed code, so a guess learns nothing. */
export class InvalidCredentialsError extends HotlineError {
  constructor() {
    super('invalid_credentials', 'The user name, password or second factor is wrong.', { status: 401 });
  }
}

/** Too many failures for this user name (existing or not); the handler sends `Retry-After`. */
export class LockedError extends HotlineError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('locked', 'Too many failed attempts; try again later.', { status: 429, retriable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function passwordChangeRequired(): ConflictError {
  return new ConflictError('Choose a new password: send the same request with newPassword.', 'password_change_required');
}

/** As many unauthenticated passkey logins are under way as REVIEW_LOGIN_CHALLENGES_MAX allows; each lasts minutes at most. */
export class TooManyChallengesError extends RateLimitedError {
  readonly retryAfterSeconds = 30;
  constructor() {
    super('Too many passkey logins are under way; try again shortly.');
  }
}
