import fs from 'node:fs';
import path from 'node:path';
import { canonicalCidr, ipInCidr } from './ip-match';
import type { Rir } from './config';

/** IANA's RDAP bootstrap document (RFC 9224): ranges and the base URLs of the registry serving them. */
interface BootstrapFile {
  description: string;
  publication: string | null;
  services: Array<[string[], string[]]>;
}

const DATA_DIR = path.join(__dirname, '..', 'data');

// The shipped files name each registry by its servers' host; configuration names them by RIR.
const RIR_HOSTS: Array<[string, Rir]> = [
  ['afrinic.net', 'afrinic'],
  ['apnic.net', 'apnic'],
  ['arin.net', 'arin'],
  ['lacnic.net', 'lacnic'],
  ['ripe.net', 'ripe'],
];

function rirOf(urls: string[]): Rir | null {
  for (const url of urls) {
    const host = new URL(url).hostname;
    const hit = RIR_HOSTS.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
    if (hit) return hit[1];
  }
  return null;
}

interface Loaded {
  ipv4: Array<{ cidr: string; rir: Rir }>;
  ipv6: Array<{ cidr: string; rir: Rir }>;
  asn: Array<{ from: number; to: number; rir: Rir }>;
  publication: { ipv4: string | null; ipv6: string | null; asn: string | null };
}

let loaded: Loaded | undefined;

function read(file: string): BootstrapFile {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')) as BootstrapFile;
}

function networks(file: BootstrapFile): Array<{ cidr: string; rir: Rir }> {
  return file.services.flatMap(([ranges, urls]) => {
    const rir = rirOf(urls);
    return rir ? ranges.map((r) => ({ cidr: canonicalCidr(r)?.cidr ?? r, rir })) : [];
  });
}

function load(): Loaded {
  if (loaded) return loaded;
  const [ipv4, ipv6, asn] = [read('ipv4.json'), read('ipv6.json'), read('asn.json')];
  loaded = {
    ipv4: networks(ipv4),
    ipv6: networks(ipv6),
    asn: asn.services.flatMap(([ranges, urls]) => {
      const rir = rirOf(urls);
      if (!rir) return [];
      return ranges.map((r) => {
        const [from, to = from] = r.split('-').map(Number) as [number, number?];
        return { from, to, rir };
      });
    }),
    publication: { ipv4: ipv4.publication, ipv6: ipv6.publication, asn: asn.publication },
  };
  return loaded;
}

/** The registry whose RDAP server answers for this IP (longest prefix), or null when IANA lists none. */
export function rirForIp(ip: string): Rir | null {
  const table = ip.includes(':') ? load().ipv6 : load().ipv4;
  let best: { rir: Rir; len: number } | null = null;
  for (const { cidr, rir } of table) {
    const len = Number(cidr.split('/')[1]);
    if ((!best || len > best.len) && ipInCidr(ip, cidr)) best = { rir, len };
  }
  return best?.rir ?? null;
}

export function rirForAsn(asn: number): Rir | null {
  return load().asn.find((r) => asn >= r.from && asn <= r.to)?.rir ?? null;
}

/** The shipped bootstrap files' publication times (null where the copy did not keep it). */
export function bootstrapPublication(): Loaded['publication'] {
  return load().publication;
}
