export { traceHosting } from './trace';
export { sameHosting } from './same-hosting';
export type { AbuseSource, HostingTrace, TraceDeps } from './types';
export { hostingTraceConfig, parseRdapServers, RIRS, type HostingTraceConfig, type RdapServers, type RdapServerKey, type Rir } from './config';
export { countryOfIp, countryDatabaseBuiltAt } from './ip-country';
export { asnOfIp, type AsnInfo } from './ip-asn';
export { rirForIp, rirForAsn, bootstrapPublication } from './bootstrap';
export {
  listProviders,
  getProvider,
  createProvider,
  updateProvider,
  deleteProvider,
  listOverrides,
  setOverride,
  deleteOverride,
  listCdnRules,
  setCdnRule,
  deleteCdnRule,
  listCachedContacts,
  deleteCachedContact,
  type HostingProvider,
  type ProviderInput,
  type HostingOverride,
  type OverrideInput,
  type CdnOriginRule,
  type CdnRuleInput,
  type CachedContact,
} from './directory-store';
