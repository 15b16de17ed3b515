import type { Router } from 'express';
import { ForbiddenError, UnauthorizedError, ValidationError } from '@hotline/platform';
import type { ReviewContext } from '../config';
import { hasRole, type Principal } from './principal';
import { isStateChanging, type Guard, type RouteSpec } from './route';

/**
 * Mounts the declared routes behind one guard, in this order: who is calling (401), the CSRF token on
 * state changes from a session (403 `csrf_invalid`), the role (403 `forbidden`), a session for
 * account changes (403 `session_required`), recent re-authentication for admin actions and factor or
 * token changes (403 `reauth_required`), the body (400). A route never checks
 * any of this itself, so the authorisation tests over the route table cover every route.
 */
export function mountRoutes(router: Router, ctx: ReviewContext, specs: RouteSpec[], guard: Guard): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req, res) => {
      let principal: Principal | null = null;
      if (spec.access !== 'public') {
        principal = await guard.authenticate(req, res);
        if (!principal) throw new UnauthorizedError('Log in first.');
        if (isStateChanging(spec.method) && principal.via === 'session' && !guard.csrfOk(req, principal)) {
          throw new ForbiddenError('The X-CSRF-Token header is missing or wrong.', 'csrf_invalid');
        }
        if (!hasRole(principal.role, spec.access)) throw new ForbiddenError(`This needs the ${spec.access} role.`);
        if (spec.sessionOnly && principal.via !== 'session') {
          throw new ForbiddenError('This changes your account: use the console, not an API token.', 'session_required');
        }
        if (spec.reauth && !recentlyReauthenticated(ctx, principal)) {
          throw new ForbiddenError('Confirm your password and second factor again for this action.', 'reauth_required');
        }
      }
      let body: unknown = undefined;
      if (spec.body) {
        const parsed = spec.body.safeParse(req.body ?? {});
        if (!parsed.success)
          throw new ValidationError(
            'The request body is not valid.',
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        body = parsed.data;
      }
      await spec.handler(req, res, { ctx, principal, body });
    });
  }
}

function recentlyReauthenticated(ctx: ReviewContext, p: Principal): boolean {
  // API tokens never carry a fresh second factor: admin actions need a console session.
  if (p.via !== 'session' || !p.reauthenticatedAt) return false;
  return ctx.clock.now().getTime() - p.reauthenticatedAt.getTime() <= ctx.cfg.REVIEW_REAUTH_MINUTES * 60_000;
}
