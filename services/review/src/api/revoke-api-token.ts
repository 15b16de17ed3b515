import { deleteApiToken } from '@hotline/accounts';
import { NotFoundError, recordAudit } from '@hotline/platform';
import { accountOf, idParam } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const revokeApiTokenRoute: RouteSpec = {
  method: 'delete',
  path: '/api/me/api-tokens/:id',
  summary: 'Revoke one of your API tokens.',
  access: 'analyst',
  sessionOnly: true,
  responses: { 204: 'Revoked.', 404: 'No such token of yours.' },
  async handler(req, res, { ctx, principal }) {
    const id = idParam(req.params.id);
    const user = await accountOf(ctx.db, principal);
    await ctx.db.transaction(async (tx) => {
      if (!(await deleteApiToken(tx, user.id, id))) throw new NotFoundError('No API token of yours has that id.');
      await recordAudit(tx, user.id, 'api_token.revoked', id);
    });
    res.status(204).end();
  },
};
