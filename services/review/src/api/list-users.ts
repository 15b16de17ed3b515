import { listUsers, publicUser } from '@hotline/accounts';
import type { RouteSpec } from '../http/route';

export const listUsersRoute: RouteSpec = {
  method: 'get',
  path: '/api/users',
  summary: 'Every account, with its role and state.',
  access: 'admin',
  reauth: true,
  async handler(_req, res, { ctx }) {
    res.json(
      (await listUsers(ctx.db)).map((u) => ({ ...publicUser(u), disabled: u.disabled, mustChangePassword: u.mustChangePassword, createdAt: u.createdAt })),
    );
  },
};
