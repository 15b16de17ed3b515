import { z } from 'zod';
import { deleteUserSessions, publicUser, ROLES, updateUser, userById } from '@hotline/accounts';
import { ConflictError, NotFoundError, recordAudit } from '@hotline/platform';
import { idParam } from '../http/account-of';
import type { RouteSpec } from '../http/route';

const body = z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() });

export const updateUserRoute: RouteSpec = {
  method: 'patch',
  path: '/api/users/:id',
  summary: 'Change an account’s role or disable it (its sessions end at once).',
  access: 'admin',
  reauth: true,
  body,
  responses: { 200: 'The account.', 404: 'No such account.', 409: 'own_account: admins cannot demote or disable themselves.' },
  async handler(req, res, { ctx, principal, body: b }) {
    const id = idParam(req.params.id);
    const change = b as z.infer<typeof body>;
    // Someone must remain able to administer: another admin changes an admin.
    if (id === principal!.userId && (change.disabled || (change.role && change.role !== 'admin'))) {
      throw new ConflictError('You cannot demote or disable your own account.', 'own_account');
    }
    await ctx.db.transaction(async (tx) => {
      if (!(await updateUser(tx, id, change))) throw new NotFoundError('No account has that id.');
      if (change.disabled) await deleteUserSessions(tx, id);
      await recordAudit(tx, principal!.userId, 'user.changed', id, { ...change });
    });
    const user = await userById(ctx.db, id);
    if (!user) throw new NotFoundError('No account has that id.');
    res.json({ ...publicUser(user), disabled: user.disabled, mustChangePassword: user.mustChangePassword, createdAt: user.createdAt });
  },
};
