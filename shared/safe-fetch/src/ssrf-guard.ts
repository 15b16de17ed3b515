import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { FetchFailedError, FetchRefusedError } from '@hotline/platform';
import { checkAddress } from './address-policy';

export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface VetOptions {
  /** Test-only: exact `host:port` strings whose addresses are not checked (they are still resolved). */
  allowHosts: string[];
  lookup?: LookupFn;
}

export interface VettedTarget {
  address: string;
  family: 4 | 6;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

// `verbatim` keeps the resolver's order, so the address we pin is the one a normal client would try first.
const systemLookup: LookupFn = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Names that point inside the network by convention, whatever a resolver says about them. */
function internalNameReason(name: string): string | null {
  if (name === 'localhost' || name.endsWith('.localhost')) return 'a loopback host name';
  if (name === 'metadata' || name.endsWith('.internal')) return 'a cloud metadata or internal host name';
  if (name.endsWith('.local') || name.endsWith('.home.arpa')) return 'a local-network host name';
  // Single-label names are completed with the machine's search domains, i.e. resolved as internal names.
  if (!name.includes('.')) return 'a single-label host name';
  return null;
}

/**
 * Decides whether `url` may be fetched and returns the one address to connect to.
 * Callers must connect to that address only: resolving again would let DNS answer differently (rebinding).
 */
export async function vetTarget(url: URL, opts: VetOptions): Promise<VettedTarget> {
  if (!Object.hasOwn(DEFAULT_PORTS, url.protocol)) {
    throw new FetchRefusedError(`refused: the scheme "${url.protocol}" is not http or https`);
  }
  if (url.username || url.password) throw new FetchRefusedError('refused: the URL carries credentials');

  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const allowed = opts.allowHosts.includes(`${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}`);
  const literal = isIP(host) !== 0;
  if (!literal) {
    const why = internalNameReason(host.toLowerCase().replace(/\.$/, ''));
    if (why) throw new FetchRefusedError(`refused: ${host} is ${why}`, { logReason: `refused: the host is ${why}` });
  }

  const addresses = literal ? [{ address: host }] : await resolve(host, opts.lookup ?? systemLookup);
  if (!allowed) {
    for (const { address } of addresses) {
      const verdict = checkAddress(address);
      // Every record must pass: a client may pick any of them, and mixing one public record with a private one is a known trick.
      if (!verdict.ok)
        throw new FetchRefusedError(literal ? verdict.reason : `${verdict.reason} (resolved from ${host})`, {
          logReason: literal ? verdict.reason : `${verdict.reason} (resolved from the reported host)`,
        });
    }
  }
  const first = addresses[0];
  const family = first ? isIP(first.address) : 0;
  if (!first || family === 0)
    throw new FetchRefusedError(`refused: ${host} did not resolve to an IP address`, { logReason: 'refused: the host did not resolve to an IP address' });
  return { address: first.address, family: family as 4 | 6 };
}

async function resolve(host: string, lookup: LookupFn): Promise<Array<{ address: string }>> {
  try {
    const found = await lookup(host);
    if (found.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENODATA' });
    return found;
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unknown error';
    // Only a resolver hiccup is worth retrying; a name that does not exist will not start existing.
    throw new FetchFailedError(`DNS lookup failed for ${host} (${code})`, { retriable: code === 'EAI_AGAIN', logReason: `DNS lookup failed (${code})` });
  }
}
