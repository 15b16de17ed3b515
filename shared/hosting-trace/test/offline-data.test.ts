import { asnOfIp, bootstrapPublication, countryOfIp, rirForAsn, rirForIp } from '../src';

describe('offline databases shipped as npm packages (no network)', () => {
  it('finds the country and AS of Google Public DNS', () => {
    expect(countryOfIp('8.8.8.8')).toBe('US');
    expect(asnOfIp('8.8.8.8')).toEqual({ asn: 15169, name: 'Google LLC' });
  });

  it('finds the country and AS of the RIPE NCC', () => {
    expect(countryOfIp('193.0.6.139')).toBe('NL');
    expect(asnOfIp('193.0.6.139')?.asn).toBe(3333);
  });

  it('finds an IPv6 address (Google Public DNS over IPv6)', () => {
    expect(countryOfIp('2001:4860:4860::8888')).toBe('US');
    expect(asnOfIp('2001:4860:4860::8888')?.asn).toBe(15169);
  });

  it('knows nothing of private and loopback addresses', () => {
    expect(countryOfIp('127.0.0.1')).toBeNull();
    expect(countryOfIp('10.1.2.3')).toBeNull();
    expect(asnOfIp('192.168.1.1')).toBeNull();
  });

  it('answers from memory once loaded (well under a millisecond a lookup)', () => {
    asnOfIp('1.1.1.1');
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) {
      countryOfIp(`8.8.${i % 256}.8`);
      asnOfIp(`193.0.${i % 256}.1`);
    }
    const perLookupNs = Number(process.hrtime.bigint() - start) / 20_000;
    expect(perLookupNs).toBeLessThan(100_000);
  });
});

describe('IANA RDAP bootstrap shipped in data/', () => {
  it('sends 8.8.8.8 to ARIN and 193.0.6.139 to the RIPE NCC', () => {
    expect(rirForIp('8.8.8.8')).toBe('arin');
    expect(rirForIp('193.0.6.139')).toBe('ripe');
  });

  it('sends an APNIC, an AFRINIC and a LACNIC address to their registries', () => {
    expect(rirForIp('1.1.1.1')).toBe('apnic');
    expect(rirForIp('41.1.1.1')).toBe('afrinic');
    expect(rirForIp('200.1.1.1')).toBe('lacnic');
  });

  it('sends IPv6 addresses by their prefix', () => {
    expect(rirForIp('2a00:1450:4001::1')).toBe('ripe');
    expect(rirForIp('2001:4860:4860::8888')).toBe('arin');
    expect(rirForIp('2400:cb00::1')).toBe('apnic');
  });

  it('has no registry for loopback or private space', () => {
    expect(rirForIp('127.0.0.1')).toBeNull();
    expect(rirForIp('10.0.0.1')).toBeNull();
    expect(rirForIp('::1')).toBeNull();
  });

  it('sends AS numbers to their registries', () => {
    expect(rirForAsn(15169)).toBe('arin');
    expect(rirForAsn(3333)).toBe('ripe');
    expect(rirForAsn(4608)).toBe('apnic');
    expect(rirForAsn(36864)).toBe('afrinic');
    expect(rirForAsn(27648)).toBe('lacnic');
    expect(rirForAsn(64512)).toBeNull();
  });

  it('keeps the publication time IANA gave the address files', () => {
    expect(bootstrapPublication()).toMatchObject({ ipv4: '2019-06-07T19:00:02Z', ipv6: '2019-11-06T19:00:04Z' });
  });
});
