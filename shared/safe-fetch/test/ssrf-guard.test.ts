import { FetchFailedError, FetchRefusedError } from '@hotline/platform';
import { vetTarget, type LookupFn } from '../src';

/** A resolver that answers from a table and never touches real DNS. */
function fakeDns(table: Record<string, string[]>): LookupFn & jest.Mock {
  return jest.fn(async (hostname: string) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
}

const noDns: LookupFn = async () => {
  throw new Error('this test must not resolve anything');
};

const vet = (url: string, opts: { allowHosts?: string[]; lookup?: LookupFn } = {}) =>
  vetTarget(new URL(url), { allowHosts: opts.allowHosts ?? [], lookup: opts.lookup ?? noDns });

async function refusal(url: string, opts?: { allowHosts?: string[]; lookup?: LookupFn }): Promise<string> {
  const err = await vet(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchRefusedError);
  return (err as Error).message;
}

describe('vetTarget', () => {
  it.each(['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://0x7f000001/', 'http://127.1/'])(
    'refuses the alternative IPv4 spelling %s as loopback',
    async (url) => {
      expect(await refusal(url)).toBe('refused: 127.0.0.1 is a loopback address');
    },
  );

  it('refuses the IPv4-mapped IPv6 URL http://[::ffff:127.0.0.1]/ and says what it maps to', async () => {
    const reason = await refusal('http://[::ffff:127.0.0.1]/');
    expect(reason).toContain('IPv4-mapped');
    expect(reason).toContain('maps to 127.0.0.1');
  });

  it('refuses the IPv6 loopback URL http://[::1]/', async () => {
    expect(await refusal('http://[::1]:8080/')).toBe('refused: ::1 is a loopback address');
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://100.100.100.200/'])(
    'refuses the cloud metadata endpoint %s',
    async (url) => {
      expect(await refusal(url)).toContain('cloud metadata');
    },
  );

  it.each([
    'file:///etc/passwd',
    'ftp://files.example.test/a.png',
    'gopher://example.test:70/_',
    'data:image/png;base64,iVBORw0KGgo=',
    'javascript:alert(1)',
    'ws://example.test/',
  ])('refuses the non-http scheme of %s', async (url) => {
    expect(await refusal(url)).toMatch(/scheme ".+:" is not http or https/);
  });

  it.each(['http://user:secret@example.test/', 'https://user@example.test/', 'http://:secret@example.test/'])(
    'refuses URLs with credentials such as %s',
    async (url) => {
      expect(await refusal(url)).toBe('refused: the URL carries credentials');
    },
  );

  it.each([
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata/',
    'http://METADATA.GOOGLE.INTERNAL./',
    'http://db.corp.internal/',
    'http://localhost/',
    'http://localhost.:8080/',
    'http://api.localhost/',
    'http://printer.local/',
    'http://intranet/',
  ])('refuses the internal host name in %s without resolving it', async (url) => {
    const lookup = fakeDns({});
    await refusal(url, { lookup });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a name that resolves to a private address and names both', async () => {
    const reason = await refusal('http://evil.test/', { lookup: fakeDns({ 'evil.test': ['10.0.0.5'] }) });
    expect(reason).toBe('refused: 10.0.0.5 is a private address (resolved from evil.test)');
  });

  it('refuses a name when any one of its records is not public (mixed-record trick)', async () => {
    const lookup = fakeDns({ 'mixed.test': ['93.184.216.34', '2606:4700::1111', '127.0.0.1'] });
    expect(await refusal('http://mixed.test/', { lookup })).toContain('127.0.0.1 is a loopback address');
  });

  it('returns the first resolved address when all are public', async () => {
    const lookup = fakeDns({ 'ok.test': ['2606:4700::1111', '1.1.1.1'] });
    await expect(vet('https://ok.test/a.png', { lookup })).resolves.toEqual({ address: '2606:4700::1111', family: 6 });
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('accepts ports other than the scheme default', async () => {
    const lookup = fakeDns({ 'ok.test': ['8.8.8.8'] });
    await expect(vet('http://ok.test:8443/', { lookup })).resolves.toEqual({ address: '8.8.8.8', family: 4 });
  });

  it('accepts a public IP literal without resolving it', async () => {
    await expect(vet('http://[2606:4700::1111]/')).resolves.toEqual({ address: '2606:4700::1111', family: 6 });
    await expect(vet('http://1.1.1.1/')).resolves.toEqual({ address: '1.1.1.1', family: 4 });
  });

  it('lets an allowlisted host:port through the address check only for that exact port', async () => {
    await expect(vet('http://127.0.0.1:8080/', { allowHosts: ['127.0.0.1:8080'] })).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await refusal('http://127.0.0.1:8081/', { allowHosts: ['127.0.0.1:8080'] });
  });

  it('matches the allowlist against the scheme default port when the URL has none', async () => {
    const lookup = fakeDns({ 'pinned.test': ['127.0.0.1'] });
    await expect(vet('http://pinned.test/', { allowHosts: ['pinned.test:80'], lookup })).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await refusal('https://pinned.test/', { allowHosts: ['pinned.test:80'], lookup });
  });

  it('still resolves allowlisted names rather than trusting them blindly', async () => {
    const lookup = fakeDns({ 'pinned.test': ['127.0.0.1'] });
    await vet('http://pinned.test:9000/', { allowHosts: ['pinned.test:9000'], lookup });
    expect(lookup).toHaveBeenCalledWith('pinned.test');
  });

  it('reports a name that does not resolve as a failed, not retriable, fetch', async () => {
    const err = await vet('http://nowhere.test/', { lookup: fakeDns({}) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect((err as FetchFailedError).message).toBe('DNS lookup failed for nowhere.test (ENOTFOUND)');
    expect((err as FetchFailedError).retriable).toBe(false);
  });

  it('reports a name with no addresses as a failed fetch', async () => {
    const err = await vet('http://empty.test/', { lookup: fakeDns({ 'empty.test': [] }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailedError);
  });
});
