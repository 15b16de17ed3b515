import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../errors';

/** Constant-time comparison of `Authorization: Bearer <token>` against the configured token. */
export function bearerAuth(token: string): RequestHandler {
  const expected = createHash('sha256').update(token).digest();
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    const given = createHash('sha256')
      .update(m?.[1] ?? '')
      .digest();
    if (!m || !timingSafeEqual(given, expected)) return next(new UnauthorizedError());
    next();
  };
}
