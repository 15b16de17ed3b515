import { HotlineError, ValidationError, type Queryable } from '@hotline/platform';
import { vetTarget } from '@hotline/safe-fetch';
import {
  findCdnRule,
  findHostOverride,
  findNetworkOverride,
  findProviderByAsn,
  getProvider,
  type HostingOverride,
  type HostingProvider,
} from './directory-store';
import { asnOfIp } from './ip-asn';
import { countryOfIp } from './ip-country';
import { normaliseIp } from './ip-match';
import { rdapAbuseContact } from './rdap-lookup';
import type { AbuseSource, HostingTrace, TraceDeps } from './types';

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** The URL with its host swapped for the CDN origin (scheme and port kept, so FETCH_ALLOW_HOSTS still applies). */
function originUrl(url: URL, origin: string): URL {
  const target = new URL(url.href);
  target.hostname = origin.includes(':') ? `[${origin}]` : origin;
  return target;
}

async function resolve(url: URL, deps: TraceDeps): Promise<{ ip: string | null; error: string | null }> {
  try {
    const { address } = await vetTarget(url, { allowHosts: deps.allowHosts, lookup: deps.lookup });
    return { ip: normaliseIp(address) ?? address, error: null };
  } catch (err) {
    if (err instanceof HotlineError) return { ip: null, error: err.message };
    throw err;
  }
}

/**
 * Where `url` is hosted and whom to tell. The directory comes first (host override, CDN rule, network
 * override, the provider of the AS), then the offline databases and RDAP. Never throws for what the
 * Internet does (DNS, refusals, RDAP failures: `error` says it); throws a ValidationError for a string that is
 * not a URL, and database errors as they are.
 */
export async function traceHosting(db: Queryable, url: string, deps: TraceDeps): Promise<HostingTrace> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('not a URL');
  }
  const host = hostOf(parsed);
  const errors: string[] = [];

  const cdnRule = await findCdnRule(db, host);
  const target = cdnRule ? originUrl(parsed, cdnRule.origin) : parsed;
  const targetHost = hostOf(target);

  const { ip, error } = await resolve(target, deps);
  if (error) errors.push(error);

  const hostOverride = (await findHostOverride(db, targetHost)) ?? (targetHost !== host ? await findHostOverride(db, host) : null);
  const netOverride = ip ? await findNetworkOverride(db, ip) : null;
  const override: HostingOverride | null = hostOverride ?? netOverride;

  const mmdbCountry = ip ? countryOfIp(ip) : null;
  const asInfo = ip ? asnOfIp(ip) : null;
  const asn = override?.asn ?? asInfo?.asn ?? null;
  const asName = asInfo && asInfo.asn === asn ? asInfo.name : null;

  // The provider and the source of its abuse address, in order of precedence.
  let provider: HostingProvider | null = null;
  let providerSource: AbuseSource = 'none';
  if (hostOverride?.providerId) [provider, providerSource] = [await getProvider(db, hostOverride.providerId), 'override'];
  if (!provider && cdnRule?.providerId) [provider, providerSource] = [await getProvider(db, cdnRule.providerId), 'cdn_rule'];
  if (!provider && netOverride?.providerId) [provider, providerSource] = [await getProvider(db, netOverride.providerId), 'override'];
  if (!provider && asn !== null) [provider, providerSource] = [await findProviderByAsn(db, asn), 'directory'];

  const trace: HostingTrace = {
    url,
    host,
    tracedAt: deps.clock.now().toISOString(),
    ip,
    country: null,
    countrySource: null,
    asn,
    asName,
    network: netOverride?.network ?? null,
    provider: { id: provider?.id ?? null, name: provider?.name ?? asName },
    abuse: { email: null, source: 'none', fetchedAt: null },
    upstreamAbuseEmail: provider?.upstreamAbuseEmail ?? null,
    language: provider?.language ?? null,
    cdn: cdnRule ? { host, origin: cdnRule.origin } : null,
    error: null,
  };

  let rdapCountry: string | null = null;
  if (provider?.abuseEmail) trace.abuse = { email: provider.abuseEmail, source: providerSource, fetchedAt: null };
  else if (ip) {
    const rdap = await rdapAbuseContact({ db, cfg: deps.cfg, clock: deps.clock, logger: deps.logger }, ip, asn);
    trace.abuse = { email: rdap.email, source: rdap.source, fetchedAt: rdap.fetchedAt };
    trace.network = rdap.network ?? trace.network;
    if (!trace.provider.name) trace.provider.name = rdap.name;
    rdapCountry = rdap.country;
    if (rdap.error) errors.push(rdap.error);
  }

  const country = (
    [
      [override?.country ?? null, 'override'],
      [provider?.country ?? null, 'provider'],
      [mmdbCountry, 'mmdb'],
      [rdapCountry, 'rdap'],
    ] as const
  ).find(([c]) => c !== null);
  if (country) [trace.country, trace.countrySource] = country;
  if (!trace.abuse.email && !errors.length && ip) errors.push('no abuse contact: none in the directory, and RDAP is not configured');
  trace.error = errors.length ? errors.join('; ') : null;
  return trace;
}
