import type { HostingTrace } from './types';

const lower = (s: string | null): string | null => s?.toLowerCase() ?? null;

/**
 * Whether two traces of a URL point at the same hoster: same country, AS, provider and abuse address.
 * A new IP inside the same provider is no move; a new provider, country or abuse address is (the takedown
 * service then hands the URL back to an analyst before another notice goes out).
 */
export function sameHosting(a: HostingTrace, b: HostingTrace): boolean {
  return (
    a.country === b.country &&
    a.asn === b.asn &&
    a.provider.id === b.provider.id &&
    lower(a.provider.name) === lower(b.provider.name) &&
    lower(a.abuse.email) === lower(b.abuse.email)
  );
}
