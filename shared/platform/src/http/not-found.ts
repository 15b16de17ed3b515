import type { RequestHandler } from 'express';
import { NotFoundError } from '../errors';

/** Last route of an app: an unknown path gets the same JSON error body as every other error, not Express's HTML. */
export function notFound(): RequestHandler {
  return (_req, _res, next) => next(new NotFoundError('There is nothing at this address.'));
}
