import { z } from 'zod';
import { authenticationOptions } from '@hotline/accounts';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';

export const passkeyLoginOptionsRoute: RouteSpec = {
  method: 'post',
  path: '/api/session/passkey-options',
  summary: 'WebAuthn request options for a passkey login (the same whether or not the user exists).',
  access: 'public',
  body: z.object({ username: z.string().max(200) }),
  responses: { 200: 'PublicKeyCredentialRequestOptionsJSON', 429: 'rate_limited: REVIEW_LOGIN_CHALLENGES_MAX logins are under way, see Retry-After.' },
  async handler(req, res, { ctx }) {
    res.json(await authenticationOptions(ctx.db, relyingParty(ctx, req), 'login', null, { maxOpen: ctx.cfg.REVIEW_LOGIN_CHALLENGES_MAX }));
  },
};
