import { passkeysOf } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const listPasskeysRoute: RouteSpec = {
  method: 'get',
  path: '/api/me/passkeys',
  summary: 'Your passkeys (names and dates, never keys).',
  access: 'analyst',
  async handler(_req, res, { ctx, principal }) {
    const user = await accountOf(ctx.db, principal);
    res.json((await passkeysOf(ctx.db, user.id)).map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })));
  },
};
