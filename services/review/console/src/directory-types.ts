// The provider directory as the review API answers it (services/review/src/api/*directory*, @hotline/hosting-trace).

import type { CachedContact, CdnOriginRule, HostingOverride, HostingProvider } from '../../../../shared/hosting-trace/src/directory-types';

export type { CachedContact, CdnOriginRule, HostingOverride, HostingProvider };

export interface Directory {
  providers: HostingProvider[];
  overrides: HostingOverride[];
  cdnRules: CdnOriginRule[];
  cachedContacts: CachedContact[];
}

export const DIRECTORY_PATH = '/api/takedown/directory';

/** "45 s", "12 min", "5 h", "3 d": how old a cached answer is, at a glance. */
export function humanAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

export function providerName(dir: Directory, id: string | null): string {
  if (!id) return '—';
  return dir.providers.find((p) => p.id === id)?.name ?? `#${id}`;
}

/** The directory entries the next trace of this host (and of the network it was last found in) will use. */
export function entriesFor(dir: Directory, host: string | null, network: string | null) {
  const covers = (pattern: string) => pattern === host || (pattern.startsWith('*.') && !!host && host.endsWith(pattern.slice(1)));
  return {
    cdnRule: dir.cdnRules.find((r) => r.host === host) ?? null,
    hostOverride:
      dir.overrides
        .filter((o) => o.host && covers(o.host))
        .sort((a, b) => Number(b.host === host) - Number(a.host === host) || (b.host?.length ?? 0) - (a.host?.length ?? 0))[0] ?? null,
    networkOverride: dir.overrides.find((o) => o.network && o.network === network) ?? null,
  };
}
