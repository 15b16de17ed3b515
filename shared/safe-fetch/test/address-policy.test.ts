import { checkAddress } from '../src';

const reasonFor = (ip: string): string => {
  const verdict = checkAddress(ip);
  return verdict.ok ? 'allowed' : verdict.reason;
};

describe('checkAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'scoped to a local interface'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.10', 'documentation'],
    ['203.0.113.10', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['2002:c000:0204::1', '6to4'],
    ['192.88.99.1', '6to4'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['100::1', 'special-purpose'],
    ['4000::1', 'outside the global unicast range'],
    ['not-an-ip', 'not an IP address'],
    ['0x7f.1', 'not an IP address'],
    ['2130706433', 'not an IP address'],
  ])('refuses %s (%s)', (ip, fragment) => {
    expect(reasonFor(ip)).toContain(fragment);
    expect(reasonFor(ip)).toMatch(/^refused: /);
  });

  it.each(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254', 'fd00:ec2:0:0:0:0:0:254'])(
    'refuses the cloud metadata address %s and says so',
    (ip) => {
      expect(reasonFor(ip)).toContain('cloud metadata');
    },
  );

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:8.8.8.8', '8.8.8.8'],
    ['::ffff:a9fe:a9fe', '169.254.169.254'],
  ])('refuses the IPv4-mapped IPv6 address %s and names the IPv4 address it maps to', (ip, mapped) => {
    expect(reasonFor(ip)).toContain('IPv4-mapped');
    expect(reasonFor(ip)).toContain(`maps to ${mapped}`);
  });

  it('writes reasons as short sentences naming the address', () => {
    expect(reasonFor('127.0.0.1')).toBe('refused: 127.0.0.1 is a loopback address');
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700::1111', '2a00:1450:4001:80b::200e'])('allows the public address %s', (ip) => {
    expect(checkAddress(ip)).toEqual({ ok: true });
  });
});
