import { resetUser, userById } from '@hotline/accounts';
import { NotFoundError, recordAudit } from '@hotline/platform';
import { idParam } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const resetUserRoute: RouteSpec = {
  method: 'post',
  path: '/api/users/:id/reset',
  summary: 'A new one-time password and TOTP secret for an account; its sessions, API tokens and passkeys end.',
  access: 'admin',
  reauth: true,
  responses: { 200: '{password, otpauthUri, qrSvg}', 404: 'No such account.' },
  async handler(req, res, { ctx, principal }) {
    const id = idParam(req.params.id);
    const issued = await ctx.db.transaction(async (tx) => {
      const user = await userById(tx, id);
      if (!user) throw new NotFoundError('No account has that id.');
      const r = await resetUser(tx, ctx.secrets.accountsKey, user);
      await recordAudit(tx, principal!.userId, 'user.reset', id, {
        sessionsEnded: r.revoked.sessions,
        apiTokensRevoked: r.revoked.apiTokens,
        passkeysRemoved: r.revoked.passkeys,
      });
      return r;
    });
    res.json({ password: issued.password, otpauthUri: issued.otpauthUri, qrSvg: issued.qrSvg });
  },
};
