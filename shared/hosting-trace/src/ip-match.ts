import ipaddr from 'ipaddr.js';

/** A network in canonical form (`10.0.0.0/8`, `2001:db8::/32`), or null when `text` is not one. */
export function canonicalCidr(text: string): { cidr: string; hostBits: boolean } | null {
  try {
    const [addr, len] = ipaddr.parseCIDR(text.trim());
    const base =
      addr.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${len}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${len}`);
    return { cidr: `${base.toString()}/${len}`, hostBits: base.toString() !== addr.toString() };
  } catch {
    return null;
  }
}

/** An IP address in the form PostgreSQL prints it (IPv4-mapped IPv6 folded to IPv4). */
export function normaliseIp(text: string): string | null {
  if (!ipaddr.isValid(text)) return null;
  const addr = ipaddr.parse(text);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return (addr as ipaddr.IPv6).toIPv4Address().toString();
  return addr.toString();
}

export function isIpLiteral(text: string): boolean {
  return ipaddr.isValid(text);
}

export function ipInCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const range = ipaddr.parseCIDR(cidr);
    return addr.kind() === range[0].kind() && addr.match(range);
  } catch {
    return false;
  }
}

/** The IPv6 address as one 128-bit number (for range tables). */
export function ipv6ToBigInt(ip: string): bigint {
  return ipaddr.IPv6.parse(ip)
    .toByteArray()
    .reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

export function ipv4ToNumber(ip: string): number {
  return ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((n, b) => n * 256 + b, 0);
}
