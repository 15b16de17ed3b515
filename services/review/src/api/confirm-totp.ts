import { z } from 'zod';
import { confirmPendingTotp, totpStep, unsealTotp } from '@hotline/accounts';
import { ConflictError, recordAudit, ValidationError } from '@hotline/platform';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

const body = z.object({ otp: z.string().max(16) });

export const confirmTotpRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/totp',
  summary: 'Confirm the pending TOTP secret with a code from it; it replaces the previous one.',
  access: 'analyst',
  reauth: true,
  body,
  responses: { 204: 'Enrolled.', 400: 'The code does not match.', 409: 'no_pending_totp.' },
  async handler(_req, res, { ctx, principal, body: b }) {
    const user = await accountOf(ctx.db, principal);
    if (!user.totpPendingSealed) throw new ConflictError('Ask for a new TOTP secret first.', 'no_pending_totp');
    const step = await totpStep(unsealTotp(ctx.secrets.accountsKey, user.id, user.totpPendingSealed), (b as z.infer<typeof body>).otp, ctx.clock.now(), null);
    if (step === null) throw new ValidationError('The code does not match the new secret; check the authenticator app’s time.');
    await ctx.db.transaction(async (tx) => {
      if (!(await confirmPendingTotp(tx, user.id, step))) throw new ConflictError('Ask for a new TOTP secret first.', 'no_pending_totp');
      await recordAudit(tx, user.id, 'totp.enrolled', user.id);
    });
    res.status(204).end();
  },
};
