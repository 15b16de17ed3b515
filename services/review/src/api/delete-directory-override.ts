import { NotFoundError, recordAudit } from '@hotline/platform';
import { deleteOverride } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

export const deleteDirectoryOverrideRoute: RouteSpec = {
  method: 'delete',
  path: '/api/takedown/directory/overrides/:id',
  summary: 'Removes an override of the directory: the next trace of that network or host goes by RDAP and the databases again. Audited.',
  access: 'senior',
  responses: { 204: 'removed', 400: 'invalid_request', 404: 'not_found' },
  async handler(req, res, { ctx, principal }) {
    const actor = caller(principal).userId;
    const id = String(req.params.id);
    await ctx.db.transaction(async (tx) => {
      if (!(await deleteOverride(tx, id))) throw new NotFoundError('No override with that id.');
      await recordAudit(tx, actor, 'directory.override_deleted', id, {});
    });
    res.status(204).end();
  },
};
