import { z } from 'zod';
import { insertApiToken, newToken, tokenHash } from '@hotline/accounts';
import { newId, recordAudit } from '@hotline/platform';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

const body = z.object({ name: z.string().trim().min(1).max(100) });

export const createApiTokenRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/api-tokens',
  summary: 'A new API token for scripts (Authorization: Bearer); shown once. It acts with your role, never for admin actions.',
  access: 'analyst',
  reauth: true,
  body,
  responses: { 201: '{id, name, token}' },
  async handler(_req, res, { ctx, principal, body: b }) {
    const { name } = b as z.infer<typeof body>;
    const user = await accountOf(ctx.db, principal);
    const id = newId();
    const token = newToken('hlt_');
    await ctx.db.transaction(async (tx) => {
      await insertApiToken(tx, { id, userId: user.id, name, tokenHash: tokenHash(token), now: ctx.clock.now() });
      await recordAudit(tx, user.id, 'api_token.created', id, { name });
    });
    res.status(201).json({ id, name, token });
  },
};
