// The provider directory's records as the store returns them and the review API sends them. No imports: the review
// console type-checks its screens against this file too.

export interface HostingProvider {
  id: string;
  name: string;
  abuseEmail: string | null;
  language: string | null;
  country: string | null;
  asn: number | null;
  upstreamAbuseEmail: string | null;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface ProviderInput {
  name: string;
  abuseEmail?: string | null;
  language?: string | null;
  country?: string | null;
  asn?: number | string | null;
  upstreamAbuseEmail?: string | null;
  note?: string | null;
}

export interface HostingOverride {
  id: string;
  network: string | null;
  host: string | null;
  providerId: string | null;
  country: string | null;
  asn: number | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

/** Exactly one of `network` and `host`; at least one of `providerId`, `country`, `asn`. */
export interface OverrideInput {
  network?: string | null;
  host?: string | null;
  providerId?: string | null;
  country?: string | null;
  asn?: number | string | null;
  note?: string | null;
}

export interface CdnOriginRule {
  id: string;
  host: string;
  origin: string;
  providerId: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface CdnRuleInput {
  host: string;
  origin: string;
  providerId?: string | null;
  note?: string | null;
}

export interface CachedContact {
  key: string;
  network: string | null;
  abuseEmail: string | null;
  name: string | null;
  handle: string | null;
  country: string | null;
  fetchedAt: string;
  ageSeconds: number;
}
