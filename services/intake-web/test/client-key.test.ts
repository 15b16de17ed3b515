import { clientKey, RateLimiter } from '../src/rate-limit';

describe('item 15: rate-limit keys and bounds', () => {
  it('item 15: keys IPv6 by its /64 and IPv4-mapped IPv6 by the IPv4 address', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1', 64)).not.toBe(clientKey('2001:db8:1:3::1', 64));
    expect(clientKey('2001:0db8:0001:0002::1')).toBe(clientKey('2001:db8:1:2::ffff'));
    expect(clientKey('::ffff:192.0.2.1')).toBe(clientKey('192.0.2.1'));
    expect(clientKey('192.0.2.1')).not.toBe(clientKey('192.0.2.2'));
    expect(clientKey('::1')).toBe(clientKey('::2'));
    expect(clientKey(undefined)).toBe(clientKey(''));
  });

  it('review: keys IPv6 by its /56 by default (one customer often has a /56), or by the prefix configured', () => {
    // Two /64s of one /56 are one client.
    expect(clientKey('2001:db8:1:200::1')).toBe(clientKey('2001:db8:1:2ff:ffff::1'));
    expect(clientKey('2001:db8:1:200::1')).not.toBe(clientKey('2001:db8:1:300::1'));
    expect(clientKey('2001:db8:1:200::1', 48)).toBe(clientKey('2001:db8:1:ff00::1', 48));
    expect(clientKey('2001:db8:1::1', 48)).not.toBe(clientKey('2001:db8:2::1', 48));
    expect(clientKey('2001:db8:1:2::1', 64)).toBe(clientKey('2001:db8:1:2:ffff::1', 64));
    const limiter = new RateLimiter({ perMinute: 1 });
    expect(limiter.hit('2001:db8:1:201::1').ok).toBe(true);
    expect(limiter.hit('2001:db8:1:2fe::1').ok).toBe(false);
  });

  it('item 15: the count map never holds more than its cap; the oldest clients are evicted', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 2, maxClients: 100, now: () => now });
    for (let i = 0; i < 1000; i++) expect(limiter.hit(`10.0.${i >> 8}.${i & 255}`).ok).toBe(true);
    expect(limiter.size).toBe(100);
    // The newest clients are still counted.
    expect(limiter.hit('10.0.3.231').ok).toBe(true);
    expect(limiter.hit('10.0.3.231').ok).toBe(false);
    // A new window forgets everything and tells how long the old one had left.
    now = 59_500;
    expect(limiter.hit('10.0.3.231')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 60_000;
    expect(limiter.hit('10.0.3.231').ok).toBe(true);
    expect(limiter.size).toBe(1);
  });
});
