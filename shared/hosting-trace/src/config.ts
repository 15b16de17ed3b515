import { configFields, type ConfigOf } from '@hotline/platform';
import { z } from 'zod';

const { positiveInt } = configFields;

export const RIRS = ['afrinic', 'apnic', 'arin', 'lacnic', 'ripe'] as const;
export type Rir = (typeof RIRS)[number];
/** `*` serves whatever the IANA bootstrap has no entry for (loopback in tests). */
export type RdapServerKey = Rir | '*';
export type RdapServers = Partial<Record<RdapServerKey, string>>;

/** `rir=url,rir=url`: an RDAP base URL per registry, always ending in a slash (RFC 9224 bases do). */
export function parseRdapServers(raw: string): RdapServers {
  const servers: RdapServers = {};
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq).trim().toLowerCase();
    const url = entry.slice(eq + 1).trim();
    if (eq < 1 || !(key === '*' || (RIRS as readonly string[]).includes(key)))
      throw new Error(`"${entry}" is not rir=url with rir one of ${RIRS.join(', ')} or *`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`"${entry}": "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`"${entry}": the URL must be http(s)`);
    if (servers[key as RdapServerKey]) throw new Error(`"${key}" is given twice`);
    servers[key as RdapServerKey] = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  }
  return servers;
}

const rdapServers = z.preprocess(
  (v) => v ?? '',
  z.string().transform((s, ctx) => {
    try {
      return parseRdapServers(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `RDAP_SERVERS: ${(err as Error).message}` });
      return z.NEVER;
    }
  }),
);

/**
 * The hosting trace's settings. RDAP_SERVERS is empty by default: no RDAP request at all, contacts then come
 * from the provider directory only (README lists the RIRs' public servers for operators to set).
 */
export const hostingTraceConfig = {
  RDAP_SERVERS: rdapServers,
  RDAP_TIMEOUT_MS: positiveInt.default(5000),
  RDAP_CACHE_HOURS: positiveInt.default(168),
};

export type HostingTraceConfig = ConfigOf<typeof hostingTraceConfig>;
