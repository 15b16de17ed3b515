import { publicUser } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import { csrfTokenOf } from '../http/account-guard';
import type { RouteSpec } from '../http/route';

export const showSessionRoute: RouteSpec = {
  method: 'get',
  path: '/api/session',
  summary: 'The current session: its CSRF token and user (the console asks at load); 401 when logged out.',
  access: 'analyst',
  async handler(_req, res, { ctx, principal }) {
    const user = await accountOf(ctx.db, principal);
    res.json({ csrfToken: principal ? csrfTokenOf(principal) : null, user: publicUser(user) });
  },
};
