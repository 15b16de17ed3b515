import { createHash, timingSafeEqual } from 'node:crypto';
import type { Guard } from './route';

/**
 * The guard until accounts land: the single `REVIEW_API_TOKEN` as an admin API token. Replaced by the
 * accounts guard (sessions + per-account API tokens).
 */
export function interimTokenGuard(token: string): Guard {
  const expected = createHash('sha256').update(token).digest();
  return {
    async authenticate(req) {
      const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
      if (!m) return null;
      const given = createHash('sha256')
        .update(m[1] ?? '')
        .digest();
      if (!timingSafeEqual(given, expected)) return null;
      return { userId: '00000000-0000-0000-0000-000000000000', username: 'api-token', role: 'admin', via: 'token', sessionId: null, reauthenticatedAt: null };
    },
    csrfOk: () => true,
  };
}
