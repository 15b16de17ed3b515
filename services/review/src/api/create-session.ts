import { z } from 'zod';
import { markReauthenticated, proveIdentity, publicUser, startSession, userById, type AuthenticationResponseJSON } from '@hotline/accounts';
import { recordAudit } from '@hotline/platform';
import { webauthnJson } from '../http/account-of';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';
import { setSessionCookie } from '../http/session-cookie';

const body = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  otp: z.string().max(16).optional(),
  passkey: webauthnJson.optional(),
  newPassword: z.string().max(1000).optional(),
});

export const createSessionRoute: RouteSpec = {
  method: 'post',
  path: '/api/session',
  summary: 'Log in with password and a TOTP code or a passkey; the first login also sets a new password.',
  access: 'public',
  body,
  responses: {
    200: '{csrfToken, user}; sets the hotline_session cookie.',
    401: 'invalid_credentials (the same for an unknown user, a wrong password or code).',
    409: 'password_change_required: send the same body with newPassword.',
    429: 'locked: too many failures, see Retry-After.',
  },
  async handler(req, res, { ctx, body: b }) {
    const input = b as z.infer<typeof body>;
    const proven = await proveIdentity(
      { db: ctx.db, key: ctx.secrets.accountsKey, rp: relyingParty(ctx, req), purpose: 'login' },
      { ...input, passkey: input.passkey as unknown as AuthenticationResponseJSON | undefined },
    );
    const session = await ctx.db.transaction(async (tx) => {
      await proven.commit(tx);
      const s = await startSession(tx, proven.user.id, ctx.clock.now());
      // The first login has just proved password and second factor and goes on to set up passkeys or a new
      // authenticator, which want a recent re-authentication: it counts as one. Later logins do not.
      if (proven.user.mustChangePassword) await markReauthenticated(tx, s.id, ctx.clock.now());
      await recordAudit(tx, proven.user.id, 'login.succeeded', proven.user.username, { factor: input.passkey ? 'passkey' : 'totp' });
      return s;
    });
    setSessionCookie(ctx, res, session.token);
    res.json({ csrfToken: session.csrfToken, user: publicUser((await userById(ctx.db, proven.user.id)) ?? proven.user) });
  },
};
