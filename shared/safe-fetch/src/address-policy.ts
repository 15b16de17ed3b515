import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidr = (text: string): Cidr => ipaddr.parseCIDR(text);

// Named before anything else so that a metadata endpoint is reported as such, not as "link-local".
const CLOUD_METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

// Checked before ipaddr.js's own range names, whose labels ("reserved", "rfc6052") explain less.
const NAMED_RANGES: Array<[string, Cidr[]]> = [
  ['a documentation address', ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map(cidr)],
  ['a benchmarking address', ['198.18.0.0/15', '2001:2::/48'].map(cidr)],
  ['an IETF protocol assignment address', [cidr('192.0.0.0/24')]],
  ['a NAT64 address', ['64:ff9b::/96', '64:ff9b:1::/48'].map(cidr)],
  ['a 6to4 address', ['2002::/16', '192.88.99.0/24'].map(cidr)],
  ['a Teredo address', [cidr('2001::/32')]],
];

const RANGE_LABELS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  reserved: 'a reserved address',
};

const GLOBAL_UNICAST_V6 = cidr('2000::/3');

/** Allows only globally routable unicast addresses; everything else could reach something internal. */
export function checkAddress(ip: string): AddressVerdict {
  const refuse = (what: string): AddressVerdict => ({ ok: false, reason: `refused: ${ip} is ${what}` });
  // net.isIP accepts only canonical forms, so odd spellings (0x7f.1) never reach the socket layer.
  if (isIP(ip) === 0) return refuse('not an IP address');
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).zoneId) return refuse('scoped to a local interface');
  if (CLOUD_METADATA.has(addr.toString())) return refuse('a cloud metadata address');

  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    // Refused whatever it maps to: socket layers disagree on whether such addresses are "IPv4".
    return refuse(`an IPv4-mapped IPv6 address (maps to ${(addr as ipaddr.IPv6).toIPv4Address().toString()})`);
  }
  for (const [label, ranges] of NAMED_RANGES) {
    if (ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return refuse(label);
  }
  const range = addr.range();
  if (range !== 'unicast') return refuse(RANGE_LABELS[range] ?? `a special-purpose address (${range})`);
  if (addr.kind() === 'ipv6' && !addr.match(GLOBAL_UNICAST_V6)) return refuse('outside the global unicast range 2000::/3');
  return { ok: true };
}
