import { HotlineError } from '@hotline/platform';

/** An X-ARF document that does not satisfy the X-ARF v4 content/csam schema: a bug or bad data, never retried. */
export class XarfInvalidError extends HotlineError {
  readonly errors: string[];
  constructor(errors: string[]) {
    super('xarf_invalid', `X-ARF report does not validate: ${errors.slice(0, 5).join('; ')}`, { status: 422, details: { errors } });
    this.errors = errors;
  }
}
