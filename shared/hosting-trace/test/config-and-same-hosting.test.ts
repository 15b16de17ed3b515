import { z } from 'zod';
import { hostingTraceConfig, parseRdapServers, sameHosting, type HostingTrace } from '../src';

describe('hostingTraceConfig', () => {
  const parse = (env: Record<string, string>) => z.object(hostingTraceConfig).parse(env);

  it('defaults to no RDAP server at all, 5 s and a week of cache', () => {
    expect(parse({})).toEqual({ RDAP_SERVERS: {}, RDAP_TIMEOUT_MS: 5000, RDAP_CACHE_HOURS: 168 });
  });

  it('parses rir=url pairs into a map, each base ending in a slash', () => {
    expect(parse({ RDAP_SERVERS: 'ripe=https://rdap.db.ripe.net, *=http://127.0.0.1:9/rdap' }).RDAP_SERVERS).toEqual({
      ripe: 'https://rdap.db.ripe.net/',
      '*': 'http://127.0.0.1:9/rdap/',
    });
  });

  it('refuses an unknown registry, a missing URL or a repeated one, naming the variable', () => {
    expect(() => parse({ RDAP_SERVERS: 'iana=https://x.example/' })).toThrow(
      /RDAP_SERVERS: .*iana=https:\/\/x.example\/.* is not rir=url with rir one of afrinic/,
    );
    expect(() => parseRdapServers('arin')).toThrow(/not rir=url/);
    expect(() => parseRdapServers('arin=ftp://x.example/')).toThrow(/http/);
    expect(() => parseRdapServers('arin=https://a.example/,arin=https://b.example/')).toThrow(/twice/);
  });
});

describe('sameHosting', () => {
  const base: HostingTrace = {
    url: 'https://a.example/x.png',
    host: 'a.example',
    tracedAt: '2026-11-30T10:00:00.000Z',
    ip: '192.0.2.10',
    country: 'NL',
    countrySource: 'mmdb',
    asn: 64500,
    asName: 'Example Hosting',
    network: '192.0.2.0/24',
    provider: { id: '1', name: 'Example Hosting' },
    abuse: { email: 'abuse@hosting.example', source: 'directory', fetchedAt: null },
    upstreamAbuseEmail: null,
    language: 'nl',
    cdn: null,
    error: null,
  };
  const moved = (patch: Partial<HostingTrace>): HostingTrace => ({ ...base, ...patch });

  it('treats a new IP inside the same provider as no move', () => {
    expect(sameHosting(base, moved({ ip: '192.0.2.99', tracedAt: '2026-12-01T10:00:00.000Z', network: '192.0.2.0/25' }))).toBe(true);
  });

  it('ignores the case of the abuse address and the provider name', () => {
    expect(sameHosting(base, moved({ abuse: { ...base.abuse, email: 'Abuse@Hosting.example' }, provider: { id: '1', name: 'EXAMPLE hosting' } }))).toBe(true);
  });

  it('sees a move to another country, AS, provider or abuse address', () => {
    expect(sameHosting(base, moved({ country: 'DE' }))).toBe(false);
    expect(sameHosting(base, moved({ asn: 64501 }))).toBe(false);
    expect(sameHosting(base, moved({ provider: { id: '2', name: 'Example Hosting' } }))).toBe(false);
    expect(sameHosting(base, moved({ provider: { id: null, name: 'Other' } }))).toBe(false);
    expect(sameHosting(base, moved({ abuse: { ...base.abuse, email: 'abuse@other.example' } }))).toBe(false);
  });

  it('sees a host that no longer resolves as a change', () => {
    expect(
      sameHosting(
        base,
        moved({ ip: null, country: null, asn: null, provider: { id: null, name: null }, abuse: { email: null, source: 'none', fetchedAt: null } }),
      ),
    ).toBe(false);
  });
});
