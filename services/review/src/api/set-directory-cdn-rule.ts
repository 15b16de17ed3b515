import { recordAudit } from '@hotline/platform';
import { setCdnRule } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { cdnRuleBody, type CdnRuleBody } from './directory-bodies';

// Analysts enter these from a case (SCARt's CDN origin rules): they know the origin from the case at hand.
export const setDirectoryCdnRuleRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/directory/cdn-rules',
  summary:
    'Records that a host is behind a CDN and where its origin is (a host name or an IP), optionally with its provider; replaces the host’s rule. Audited.',
  access: 'analyst',
  body: cdnRuleBody,
  responses: { 200: 'the CDN rule', 400: 'invalid_request' },
  async handler(_req, res, { ctx, principal, body }) {
    const actor = caller(principal).userId;
    const rule = await ctx.db.transaction(async (tx) => {
      const r = await setCdnRule(tx, body as CdnRuleBody, actor);
      await recordAudit(tx, actor, 'directory.cdn_rule_set', r.id, { host: r.host, origin: r.origin, providerId: r.providerId });
      return r;
    });
    res.json(rule);
  },
};
