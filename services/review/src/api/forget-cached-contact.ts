import { NotFoundError, recordAudit, ValidationError } from '@hotline/platform';
import { deleteCachedContact } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

export const forgetCachedContactRoute: RouteSpec = {
  method: 'delete',
  path: '/api/takedown/directory/cached-contacts/:key',
  summary:
    'Forgets one cached RDAP answer (key as listed, e.g. ip:192.0.2.0/24 or autnum:64500, URL-encoded), so the next trace asks the registry again. Audited.',
  access: 'senior',
  responses: { 204: 'forgotten', 400: 'invalid_request', 404: 'not_found' },
  async handler(req, res, { ctx, principal }) {
    const actor = caller(principal).userId;
    const key = String(req.params.key);
    if (key.length > 200) throw new ValidationError('key: at most 200 characters.');
    await ctx.db.transaction(async (tx) => {
      if (!(await deleteCachedContact(tx, key))) throw new NotFoundError('No cached contact with that key.');
      await recordAudit(tx, actor, 'directory.cached_contact_forgotten', key, {});
    });
    res.status(204).end();
  },
};
