import { deleteSession } from '@hotline/accounts';
import { recordAudit, ValidationError } from '@hotline/platform';
import type { RouteSpec } from '../http/route';
import { clearSessionCookie } from '../http/session-cookie';

export const deleteSessionRoute: RouteSpec = {
  method: 'delete',
  path: '/api/session',
  summary: 'Log out: the session is deleted.',
  access: 'analyst',
  responses: { 204: 'Logged out.' },
  async handler(_req, res, { ctx, principal }) {
    const sessionId = principal?.sessionId;
    if (!principal || !sessionId) throw new ValidationError('Logging out ends a console session; revoke an API token instead.');
    await ctx.db.transaction(async (tx) => {
      await deleteSession(tx, sessionId);
      await recordAudit(tx, principal.userId, 'logout', principal.username);
    });
    clearSessionCookie(ctx, res);
    res.status(204).end();
  },
};
