import { registrationOptions } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';

export const passkeyOptionsRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/passkeys/options',
  summary: 'WebAuthn creation options to add a passkey.',
  access: 'analyst',
  reauth: true,
  async handler(req, res, { ctx, principal }) {
    const user = await accountOf(ctx.db, principal);
    res.json(await registrationOptions(ctx.db, relyingParty(ctx, req), user));
  },
};
