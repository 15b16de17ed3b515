import { z } from 'zod';
import { createUser, ROLES } from '@hotline/accounts';
import { recordAudit } from '@hotline/platform';
import type { RouteSpec } from '../http/route';

const body = z.object({ username: z.string().min(1).max(100), role: z.enum(ROLES) });

export const createUserRoute: RouteSpec = {
  method: 'post',
  path: '/api/users',
  summary: 'Create an account: answers its one-time password and TOTP enrolment, once.',
  access: 'admin',
  reauth: true,
  body,
  responses: { 201: '{id, username, password, otpauthUri, qrSvg}', 409: 'user_exists.' },
  async handler(_req, res, { ctx, principal, body: b }) {
    const input = b as z.infer<typeof body>;
    const issued = await ctx.db.transaction(async (tx) => {
      const u = await createUser(tx, ctx.secrets.accountsKey, ctx.clock, input);
      await recordAudit(tx, principal!.userId, 'user.created', u.id, { username: u.username, role: input.role });
      return u;
    });
    res.status(201).json({ id: issued.id, username: issued.username, password: issued.password, otpauthUri: issued.otpauthUri, qrSvg: issued.qrSvg });
  },
};
