import { recordAudit } from '@hotline/platform';
import { setOverride } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { overrideBody, type OverrideBody } from './directory-bodies';

// Senior, not admin: see create-directory-provider.ts. An override outranks what RDAP and the databases say.
export const setDirectoryOverrideRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/directory/overrides',
  summary:
    'Sets what the trace concludes for a network (CIDR) or a host (example.com, *.example.com): a provider of the directory, a country and/or an ASN; replaces the override of the same network or host. Audited.',
  access: 'senior',
  body: overrideBody,
  responses: { 200: 'the override', 400: 'invalid_request' },
  async handler(_req, res, { ctx, principal, body }) {
    const actor = caller(principal).userId;
    const override = await ctx.db.transaction(async (tx) => {
      const o = await setOverride(tx, body as OverrideBody, actor);
      await recordAudit(tx, actor, 'directory.override_set', o.id, {
        network: o.network,
        host: o.host,
        providerId: o.providerId,
        country: o.country,
        asn: o.asn,
      });
      return o;
    });
    res.json(override);
  },
};
