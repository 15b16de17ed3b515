import { authenticationOptions } from '@hotline/accounts';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';

export const reauthOptionsRoute: RouteSpec = {
  method: 'post',
  path: '/api/session/reauth-options',
  summary: 'WebAuthn request options to re-authenticate with a passkey.',
  access: 'analyst',
  async handler(req, res, { ctx, principal }) {
    res.json(await authenticationOptions(ctx.db, relyingParty(ctx, req), 'reauth', principal!.userId));
  },
};
