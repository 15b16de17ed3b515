import { listApiTokens } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const listApiTokensRoute: RouteSpec = {
  method: 'get',
  path: '/api/me/api-tokens',
  summary: 'Your API tokens (names and dates; a token is shown only when created).',
  access: 'analyst',
  async handler(_req, res, { ctx, principal }) {
    const user = await accountOf(ctx.db, principal);
    res.json(await listApiTokens(ctx.db, user.id));
  },
};
