import { listCachedContacts, listCdnRules, listOverrides, listProviders } from '@hotline/hosting-trace';
import type { RouteSpec } from '../http/route';

export const showTakedownDirectoryRoute: RouteSpec = {
  method: 'get',
  path: '/api/takedown/directory',
  summary: 'The provider directory the hosting trace consults: providers, overrides, CDN origin rules, and the cached RDAP contacts with their age.',
  access: 'analyst',
  responses: { 200: '{providers, overrides, cdnRules, cachedContacts: [{…, ageSeconds}]}' },
  async handler(_req, res, { ctx }) {
    const [providers, overrides, cdnRules, cachedContacts] = await Promise.all([
      listProviders(ctx.db),
      listOverrides(ctx.db),
      listCdnRules(ctx.db),
      listCachedContacts(ctx.db, ctx.clock),
    ]);
    res.json({ providers, overrides, cdnRules, cachedContacts });
  },
};
