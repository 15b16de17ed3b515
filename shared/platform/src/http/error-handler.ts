import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { HotlineError, InfrastructureError, isInfrastructureError } from '../errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Maps errors thrown by Express itself and its middleware onto our typed errors. */
export function toHotlineError(err: unknown): HotlineError {
  if (err instanceof HotlineError) return err;
  // The database or broker is away: not a bug, and trying again shortly will work.
  if (isInfrastructureError(err)) return new InfrastructureError('The service is briefly unavailable; please try again shortly.', err);
  const e = err as { type?: string; status?: number; code?: string; message?: string; field?: string };
  if (e?.type === 'entity.parse.failed') return new HotlineError('invalid_json', 'The request body is not valid JSON.', { status: 400 });
  if (e?.type === 'entity.too.large') return new HotlineError('payload_too_large', 'The request body is too large.', { status: 413 });
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported')
    return new HotlineError('unsupported_encoding', 'The request body encoding is not supported.', { status: 415 });
  // Any other body-parser refusal (too many parameters, an aborted body…) is the client's, with its own 4xx.
  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new HotlineError('malformed_body', 'The request body could not be read.', { status: e.status });
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) {
    const status = e.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
    return new HotlineError(e.code === 'LIMIT_FILE_SIZE' ? 'upload_too_large' : 'upload_refused', uploadMessage(e.code), { status });
  }
  return new HotlineError('internal_error', 'Something went wrong on our side; the request was not completed.', { status: 500, cause: err });
}

function uploadMessage(code: string): string {
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return 'An uploaded file is larger than allowed.';
    case 'LIMIT_FILE_COUNT':
      return 'Too many files were uploaded.';
    case 'LIMIT_UNEXPECTED_FILE':
      return 'A file was uploaded in an unexpected field.';
    default:
      return 'The upload was refused.';
  }
}

/** An error that knows when trying again can help (a 429 or 503); the handler sends it as `Retry-After`. */
export interface RetryAfter {
  retryAfterSeconds: number;
}

function retryAfterOf(err: HotlineError): number | undefined {
  const s = (err as Partial<RetryAfter>).retryAfterSeconds;
  return typeof s === 'number' && Number.isFinite(s) ? Math.max(1, Math.ceil(s)) : undefined;
}

/** Renders an error itself and returns true, or returns false for the standard JSON body. */
export type ErrorRenderer = (err: HotlineError, req: Parameters<ErrorRequestHandler>[1], res: Parameters<ErrorRequestHandler>[2]) => boolean;

/** The one place that turns errors into HTTP responses. Never echoes request data back into logs. */
export function errorHandler(logger: Logger, render?: ErrorRenderer): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toHotlineError(err);
    if (e.status >= 500) logger.error({ code: e.code, path: req.path, reason: e.cause instanceof Error ? e.cause.message : e.message }, 'request failed');
    if (res.headersSent) return;
    const retryAfter = retryAfterOf(e);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    if (render?.(e, req, res)) return;
    const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
    res.status(e.status).json(body);
  };
}
