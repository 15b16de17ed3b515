import { NotFoundError, recordAudit } from '@hotline/platform';
import { deleteProvider, getProvider } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

// Senior, not admin: see create-directory-provider.ts.
export const deleteDirectoryProviderRoute: RouteSpec = {
  method: 'delete',
  path: '/api/takedown/directory/providers/:id',
  summary: 'Removes a provider from the directory; 409 provider_in_use while an override or CDN rule names it. Audited.',
  access: 'senior',
  responses: { 204: 'removed', 400: 'invalid_request', 404: 'not_found', 409: 'provider_in_use' },
  async handler(req, res, { ctx, principal }) {
    const actor = caller(principal).userId;
    const id = String(req.params.id);
    await ctx.db.transaction(async (tx) => {
      const p = await getProvider(tx, id);
      if (!p || !(await deleteProvider(tx, id))) throw new NotFoundError('No hosting provider with that id.');
      await recordAudit(tx, actor, 'directory.provider_deleted', id, { name: p.name });
    });
    res.status(204).end();
  },
};
