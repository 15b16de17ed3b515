import { z } from 'zod';
import { publicUser, setBlurStrength } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

const body = z.object({ blurStrength: z.number().int().min(0).max(100) });

export const updatePreferencesRoute: RouteSpec = {
  method: 'put',
  path: '/api/me/preferences',
  summary: 'Your preferences: how strongly thumbnails are blurred (0–100).',
  access: 'analyst',
  body,
  responses: { 200: 'The user object.' },
  async handler(_req, res, { ctx, principal, body: b }) {
    const user = await accountOf(ctx.db, principal);
    await setBlurStrength(ctx.db, user.id, (b as z.infer<typeof body>).blurStrength);
    res.json(publicUser(await accountOf(ctx.db, principal)));
  },
};
