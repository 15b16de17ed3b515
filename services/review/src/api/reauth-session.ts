import { z } from 'zod';
import { markReauthenticated, proveIdentity, type AuthenticationResponseJSON } from '@hotline/accounts';
import { recordAudit, ValidationError } from '@hotline/platform';
import { webauthnJson } from '../http/account-of';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';

const body = z.object({ password: z.string().min(1).max(1000), otp: z.string().max(16).optional(), passkey: webauthnJson.optional() });

export const reauthSessionRoute: RouteSpec = {
  method: 'post',
  path: '/api/session/reauth',
  summary: 'Confirm password and second factor again; admin actions need this within REVIEW_REAUTH_MINUTES.',
  access: 'analyst',
  body,
  responses: { 204: 'Re-authenticated.', 401: 'invalid_credentials.', 429: 'locked.' },
  async handler(req, res, { ctx, principal, body: b }) {
    const sessionId = principal?.sessionId;
    if (!principal || !sessionId) throw new ValidationError('Re-authentication is for console sessions; API tokens never do admin actions.');
    const input = b as z.infer<typeof body>;
    const proven = await proveIdentity(
      { db: ctx.db, key: ctx.secrets.accountsKey, rp: relyingParty(ctx, req), purpose: 'reauth', userId: principal.userId },
      { ...input, username: principal.username, passkey: input.passkey as unknown as AuthenticationResponseJSON | undefined },
    );
    await ctx.db.transaction(async (tx) => {
      await proven.commit(tx);
      await markReauthenticated(tx, sessionId, ctx.clock.now());
      await recordAudit(tx, principal.userId, 'reauth.succeeded', principal.username);
    });
    res.status(204).end();
  },
};
