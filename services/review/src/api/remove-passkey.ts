import { deletePasskey, passkeysOf } from '@hotline/accounts';
import { ConflictError, NotFoundError, recordAudit } from '@hotline/platform';
import { accountOf, idParam } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const removePasskeyRoute: RouteSpec = {
  method: 'delete',
  path: '/api/me/passkeys/:id',
  summary: 'Remove one of your passkeys (not the last second factor).',
  access: 'analyst',
  reauth: true,
  responses: { 204: 'Removed.', 404: 'No such passkey of yours.', 409: 'last_factor: enrol TOTP or another passkey first.' },
  async handler(req, res, { ctx, principal }) {
    const id = idParam(req.params.id);
    const user = await accountOf(ctx.db, principal);
    const mine = await passkeysOf(ctx.db, user.id);
    if (!mine.some((p) => p.id === id)) throw new NotFoundError('No passkey of yours has that id.');
    if (mine.length === 1 && !user.totpSealed) throw new ConflictError('This is your only second factor; add another first.', 'last_factor');
    await ctx.db.transaction(async (tx) => {
      if (!(await deletePasskey(tx, user.id, id))) throw new NotFoundError('No passkey of yours has that id.');
      await recordAudit(tx, user.id, 'passkey.removed', id);
    });
    res.status(204).end();
  },
};
