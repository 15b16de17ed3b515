import { recordAudit } from '@hotline/platform';
import { updateProvider } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { providerChangesBody, type ProviderChangesBody } from './directory-bodies';

// Senior, not admin: see create-directory-provider.ts.
export const updateDirectoryProviderRoute: RouteSpec = {
  method: 'put',
  path: '/api/takedown/directory/providers/:id',
  summary: 'Changes a provider of the directory: the fields given replace theirs (null clears one), the others stay. Audited.',
  access: 'senior',
  body: providerChangesBody,
  responses: { 200: 'the provider', 400: 'invalid_request', 404: 'not_found', 409: 'duplicate' },
  async handler(req, res, { ctx, principal, body }) {
    const actor = caller(principal).userId;
    const changes = body as ProviderChangesBody;
    const provider = await ctx.db.transaction(async (tx) => {
      const p = await updateProvider(tx, String(req.params.id), changes, actor);
      await recordAudit(tx, actor, 'directory.provider_updated', p.id, { fields: Object.keys(changes).sort(), name: p.name, abuseEmail: p.abuseEmail });
      return p;
    });
    res.json(provider);
  },
};
