import { z } from 'zod';
import {
  beginAttempt,
  deleteOtherSessions,
  failAttempt,
  hashPassword,
  LockedError,
  passwordProblem,
  releaseAttempt,
  setPassword,
  verifyPassword,
} from '@hotline/accounts';
import { ForbiddenError, recordAudit, ValidationError } from '@hotline/platform';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

const body = z.object({ password: z.string().min(1).max(1000), newPassword: z.string().max(1000) });

export const changePasswordRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/password',
  summary: 'Change your password (the current one is needed); your other sessions end.',
  access: 'analyst',
  sessionOnly: true,
  body,
  responses: { 204: 'Changed.', 403: 'invalid_credentials: the current password is wrong.', 429: 'locked.' },
  async handler(_req, res, { ctx, principal, body: b }) {
    const { password, newPassword } = b as z.infer<typeof body>;
    const user = await accountOf(ctx.db, principal);
    const now = ctx.clock.now();
    // A borrowed session must not become a way to guess the password: failures count towards the lock-out.
    const wait = await beginAttempt(ctx.db, user.username, now);
    if (wait > 0) throw new LockedError(wait);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await ctx.db.transaction(async (tx) => {
        await failAttempt(tx, user.username, now);
        await recordAudit(tx, user.id, 'password.change_failed', user.id);
      });
      throw new ForbiddenError('The current password is wrong.', 'invalid_credentials');
    }
    await releaseAttempt(ctx.db, user.username);
    const problem = passwordProblem(newPassword);
    if (problem) throw new ValidationError(`newPassword ${problem}`);
    const hash = await hashPassword(newPassword);
    await ctx.db.transaction(async (tx) => {
      await setPassword(tx, user.id, hash, false);
      // Whoever else held a session (a borrowed or forgotten browser) is out; this one stays.
      const ended = await deleteOtherSessions(tx, user.id, principal!.sessionId);
      await recordAudit(tx, user.id, 'password.changed', user.id, { otherSessionsEnded: ended });
    });
    res.status(204).end();
  },
};
