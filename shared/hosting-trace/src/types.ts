import type { Clock, Logger } from '@hotline/platform';
import type { LookupFn } from '@hotline/safe-fetch';
import type { HostingTraceConfig } from './config';

/** Where a URL is hosted and whom to tell, as found at `tracedAt`. JSON-serialisable (stored as jsonb). */
export interface HostingTrace {
  url: string;
  host: string;
  tracedAt: string;
  ip: string | null;
  country: string | null;
  countrySource: 'override' | 'provider' | 'mmdb' | 'rdap' | null;
  asn: number | null;
  asName: string | null;
  /** A CIDR, or "start - end" as RDAP gave it. */
  network: string | null;
  provider: { id: string | null; name: string | null };
  abuse: { email: string | null; source: AbuseSource; fetchedAt: string | null };
  upstreamAbuseEmail: string | null;
  language: string | null;
  cdn: { host: string; origin: string } | null;
  error: string | null;
}

export type AbuseSource = 'override' | 'cdn_rule' | 'directory' | 'rdap' | 'rdap_cache' | 'none';

export interface TraceDeps {
  cfg: HostingTraceConfig;
  clock: Clock;
  /** Test-only `host:port` pairs the SSRF guard lets through (FETCH_ALLOW_HOSTS). */
  allowHosts: string[];
  lookup?: LookupFn;
  logger?: Logger;
}
