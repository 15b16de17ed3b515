import type { Request } from 'express';
import { resumeSession, sameText, tokenHash, tokenOwner } from '@hotline/accounts';
import type { ReviewContext } from '../config';
import type { Principal } from './principal';
import type { Guard } from './route';
import { sessionTokenOf } from './session-cookie';

/** The CSRF token of each session principal, kept beside it rather than in it (the Principal is shared with every route). */
const csrfTokens = new WeakMap<Principal, string>();

/**
 * Who is calling: an `Authorization: Bearer` API token (scripts: no CSRF, never re-authenticated, so never an
 * admin action), else the `hotline_session` cookie (the console). A bearer header that does not resolve is a
 * 401 even when a cookie is present, so a script never silently acts as the browser's user.
 */
export function accountGuard(ctx: ReviewContext): Guard {
  const limits = { idleMs: ctx.cfg.REVIEW_SESSION_IDLE_MINUTES * 60_000, maxMs: ctx.cfg.REVIEW_SESSION_MAX_HOURS * 3_600_000 };
  return {
    async authenticate(req) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (req.get('authorization') !== undefined) {
        if (!bearer) return null;
        const owner = await tokenOwner(ctx.db, tokenHash(bearer[1]!), ctx.clock.now());
        return owner && { userId: owner.userId, username: owner.username, role: owner.role, via: 'token', sessionId: null, reauthenticatedAt: null };
      }
      const token = sessionTokenOf(req);
      if (!token) return null;
      const s = await resumeSession(ctx.db, token, ctx.clock.now(), limits, { background: isBackground(req) });
      if (!s) return null;
      const principal: Principal = {
        userId: s.userId,
        username: s.username,
        role: s.role,
        via: 'session',
        sessionId: s.id,
        reauthenticatedAt: s.reauthenticatedAt,
      };
      csrfTokens.set(principal, s.csrfToken);
      return principal;
    },
    csrfOk(req, principal) {
      const expected = csrfTokens.get(principal);
      const given = req.get('x-csrf-token');
      return expected !== undefined && given !== undefined && sameText(given, expected);
    },
  };
}

/**
 * `X-Background: 1` marks a request the console sends on its own (polls, lease renewals): it is checked against
 * the session's limits like any other but does not count as activity, so an unattended console still times out.
 */
export const BACKGROUND_HEADER = 'x-background';

function isBackground(req: Request): boolean {
  return req.get(BACKGROUND_HEADER) === '1';
}

export function csrfTokenOf(principal: Principal): string | null {
  return csrfTokens.get(principal) ?? null;
}
