import { NotFoundError, recordAudit } from '@hotline/platform';
import { deleteCdnRule } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

export const deleteDirectoryCdnRuleRoute: RouteSpec = {
  method: 'delete',
  path: '/api/takedown/directory/cdn-rules/:id',
  summary: 'Removes a CDN origin rule: the next trace of that host follows its own address again. Audited.',
  access: 'analyst',
  responses: { 204: 'removed', 400: 'invalid_request', 404: 'not_found' },
  async handler(req, res, { ctx, principal }) {
    const actor = caller(principal).userId;
    const id = String(req.params.id);
    await ctx.db.transaction(async (tx) => {
      if (!(await deleteCdnRule(tx, id))) throw new NotFoundError('No CDN rule with that id.');
      await recordAudit(tx, actor, 'directory.cdn_rule_deleted', id, {});
    });
    res.status(204).end();
  },
};
