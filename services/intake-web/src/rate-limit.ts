import { createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RateLimitedError } from '@hotline/shared';

/**
 * Abuse protection that never keeps an address: the client address is turned into an HMAC with a
 * random in-memory key that is replaced every window, counted in memory, and forgotten when the
 * window ends. Nothing is written to disk, the database or the logs; restarting clears it.
 */
export function rateLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  let key = randomBytes(32);
  let counts = new Map<string, number>();
  const timer = setInterval(() => {
    key = randomBytes(32);
    counts = new Map();
  }, 60_000);
  timer.unref();
  return (req, _res, next) => {
    const client = createHmac('sha256', key).update(req.ip ?? '').digest('base64url');
    const n = (counts.get(client) ?? 0) + 1;
    counts.set(client, n);
    if (n > perMinute) return next(new RateLimitedError('Too many reports in a short time; please wait a minute and try again.'));
    next();
  };
}
