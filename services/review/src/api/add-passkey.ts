import { z } from 'zod';
import { addPasskey, type RegistrationResponseJSON } from '@hotline/accounts';
import { recordAudit } from '@hotline/platform';
import { accountOf, webauthnJson } from '../http/account-of';
import { relyingParty } from '../http/relying-party';
import type { RouteSpec } from '../http/route';

const body = z.object({ name: z.string().trim().min(1).max(100), response: webauthnJson });

export const addPasskeyRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/passkeys',
  summary: 'Add a passkey from the browser’s registration response.',
  access: 'analyst',
  reauth: true,
  body,
  responses: { 201: '{id, name}', 400: 'The response does not answer an open registration request, or was refused.' },
  async handler(req, res, { ctx, principal, body: b }) {
    const { name, response } = b as z.infer<typeof body>;
    const user = await accountOf(ctx.db, principal);
    const added = await addPasskey(ctx.db, relyingParty(ctx, req), user.id, name, response as unknown as RegistrationResponseJSON, (tx, p) =>
      recordAudit(tx, user.id, 'passkey.added', p.id, { name: p.name }).then(() => undefined),
    );
    res.status(201).json(added);
  },
};
