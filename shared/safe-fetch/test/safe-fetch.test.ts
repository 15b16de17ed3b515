import dns from 'node:dns';
import { gzipSync } from 'node:zlib';
import { FetchFailedError, FetchRefusedError } from '@hotline/platform';
import { safeFetch, type SafeFetchOptions } from '../src';
import { gradientPng, startServer, type TestServer } from './test-servers';

const USER_AGENT = 'HotlineFetcher/test (+https://hotline.example/bot)';
const HTML = '<!doctype html><html><head><title>t</title></head><body><img src="/a.png"></body></html>';

let servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const options = (server: TestServer, extra: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
  timeoutMs: 3000,
  maxBytes: 1024 * 1024,
  maxRedirects: 3,
  allowHosts: [`127.0.0.1:${server.port}`],
  userAgent: USER_AGENT,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe('safeFetch', () => {
  it('fetches a PNG served with a lying Content-Type as image/png', async () => {
    const png = await gradientPng();
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(png));
    const got = await safeFetch(server.url('/x.txt'), options(server));
    expect(got).toMatchObject({ kind: 'image', mime: 'image/png', status: 200, finalUrl: server.url('/x.txt'), redirects: [] });
    expect(got.bytes.equals(png)).toBe(true);
  });

  it('fetches an HTML page as kind html', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(HTML));
    const got = await safeFetch(server.url(), options(server));
    expect(got).toMatchObject({ kind: 'html', mime: 'text/html' });
    expect(got.bytes.toString()).toBe(HTML);
  });

  it('decompresses a gzip-encoded body', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(HTML)));
    const got = await safeFetch(server.url(), options(server));
    expect(got.bytes.toString()).toBe(HTML);
  });

  it('sends only its user agent and accept headers, and no cookies across redirects', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { Location: '/page', 'Set-Cookie': 'session=abc; Path=/' }).end();
      else res.end(HTML);
    });
    await safeFetch(server.url('/start'), options(server, { accept: 'text/html' }));
    for (const req of server.requests) {
      expect(Object.keys(req.headers).sort()).toEqual(['accept', 'accept-encoding', 'connection', 'host', 'user-agent']);
      expect(req.headers['user-agent']).toBe(USER_AGENT);
      expect(req.headers['accept']).toBe('text/html');
    }
    expect(server.requests).toHaveLength(2);
  });

  it('follows redirects, resolving a relative Location against the current URL, and records them', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(301, { Location: '/dir/b' }).end();
      else if (req.url === '/dir/b') res.writeHead(307, { Location: 'c' }).end();
      else if (req.url === '/dir/c') res.writeHead(200).end(HTML);
      else res.writeHead(404).end();
    });
    const got = await safeFetch(server.url('/a'), options(server));
    expect(got.finalUrl).toBe(server.url('/dir/c'));
    expect(got.redirects).toEqual([server.url('/a'), server.url('/dir/b')]);
  });

  it('refuses a redirect to a private address and never connects to it', async () => {
    const internal = await serve((_req, res) => res.end(HTML));
    const server = await serve((_req, res) => res.writeHead(302, { Location: `http://127.0.0.1:${internal.port}/admin` }).end());
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.message).toBe('refused: 127.0.0.1 is a loopback address');
    expect(server.requests).toHaveLength(1);
    expect(internal.connections()).toBe(0);
  });

  it('refuses a redirect to the cloud metadata address 169.254.169.254', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.message).toContain('cloud metadata');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end());
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err).toBeInstanceOf(FetchRefusedError);
  });

  it('gives up on a redirect loop after maxRedirects hops', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { Location: '/loop' }).end());
    const err = await failure(safeFetch(server.url('/loop'), options(server, { maxRedirects: 3 })));
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('too many redirects (more than 3)');
    expect(server.requests).toHaveLength(4);
  });

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Length': 5000 }).end(Buffer.alloc(5000)));
    const err = await failure(safeFetch(server.url(), options(server, { maxBytes: 1000 })));
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('response is larger than 1000 bytes');
  });

  it('stops a chunked body without Content-Length once it passes the cap', async () => {
    let closed = false;
    const server = await serve((_req, res) => {
      res.on('close', () => (closed = true));
      const timer = setInterval(() => res.write(Buffer.alloc(4096, 0x20)), 5);
      res.on('close', () => clearInterval(timer));
    });
    const err = await failure(safeFetch(server.url(), options(server, { maxBytes: 64 * 1024 })));
    expect(err.message).toBe('response is larger than 65536 bytes');
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it('counts bytes after decompression, so a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(bomb));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const err = await failure(safeFetch(server.url(), options(server, { maxBytes: 64 * 1024 })));
    expect(err.message).toBe('response is larger than 65536 bytes');
  });

  it('times out on a server that sends headers but never finishes the body', async () => {
    const server = await serve((_req, res) => res.writeHead(200).write('<html>'));
    const started = Date.now();
    const err = await failure(safeFetch(server.url(), options(server, { timeoutMs: 300 })));
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out on a server that never answers', async () => {
    const server = await serve(() => undefined);
    const err = await failure(safeFetch(server.url(), options(server, { timeoutMs: 300 })));
    expect(err.message).toBe('timed out after 300 ms');
  });

  it('fails with the status on a 404', async () => {
    const server = await serve((_req, res) => res.writeHead(404).end('nope'));
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('HTTP 404');
    expect((err as FetchFailedError).retriable).toBe(false);
  });

  it('marks a 503 as retriable', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end());
    const err = await failure(safeFetch(server.url(), options(server)));
    expect((err as FetchFailedError).retriable).toBe(true);
  });

  it('refuses a ZIP archive even when it claims to be an image', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)]);
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(zip));
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err.message).toBe('unsupported content type (sniffed: unknown/declared: image/png)');
  });

  it('refuses plain text', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('just words'));
    const err = await failure(safeFetch(server.url(), options(server)));
    expect(err.message).toBe('unsupported content type (sniffed: unknown/declared: text/plain)');
  });

  it('refuses a loopback server that is not on the allowlist without connecting', async () => {
    const server = await serve((_req, res) => res.end(HTML));
    const err = await failure(safeFetch(server.url(), options(server, { allowHosts: [] })));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(server.connections()).toBe(0);
  });

  it('connects to the vetted address without a second DNS lookup (pinning)', async () => {
    const server = await serve((_req, res) => res.end(HTML));
    // Node's sockets fall back to dns.lookup; if pinning broke, this fails loudly instead of asking a real resolver.
    const unpinned = Object.assign(new Error('system DNS used'), { code: 'EUNPINNED' });
    const systemResolver = jest
      .spyOn(dns, 'lookup')
      .mockImplementation(((...args: unknown[]) => (args.pop() as (e: Error) => void)(unpinned)) as typeof dns.lookup);
    try {
      const lookup = jest.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
      const host = `pinned.test:${server.port}`;
      const got = await safeFetch(`http://${host}/page`, options(server, { allowHosts: [host], lookup }));
      expect(got.kind).toBe('html');
      expect(got.finalUrl).toBe(`http://${host}/page`);
      expect(server.requests[0]?.headers.host).toBe(host);
      expect(lookup).toHaveBeenCalledTimes(1);
      expect(systemResolver).not.toHaveBeenCalled();
    } finally {
      systemResolver.mockRestore();
    }
  });

  it('re-vets every redirect hop through DNS, so a name that rebinds to a private address is refused', async () => {
    const internal = await serve((_req, res) => res.end(HTML));
    const server = await serve((_req, res) => res.writeHead(302, { Location: `http://rebind.test:${internal.port}/` }).end());
    const lookup = jest.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const err = await failure(safeFetch(server.url(), options(server, { lookup })));
    expect(err.message).toBe('refused: 127.0.0.1 is a loopback address (resolved from rebind.test)');
    expect(internal.connections()).toBe(0);
  });

  it('refuses an invalid URL', async () => {
    const err = await failure(safeFetch('not a url', { timeoutMs: 1000, maxBytes: 1, maxRedirects: 0, allowHosts: [], userAgent: USER_AGENT }));
    expect(err).toBeInstanceOf(FetchRefusedError);
  });
});

describe('safeFetch limits for the page pipeline', () => {
  it('item 2: fails an over-long redirect Location without following it', async () => {
    const long = `/landing/${'z'.repeat(5000)}.png`;
    const server = await serve((req, res) =>
      req.url === '/bounce' ? res.writeHead(302, { Location: long }).end() : res.writeHead(200, { 'Content-Type': 'image/png' }).end('x'),
    );
    const err = await failure(safeFetch(server.url('/bounce'), options(server)));
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('the redirect location is longer than 4096 characters');
    expect((err as FetchFailedError).retriable).toBe(false);
    expect(server.requests.map((r) => r.url)).toEqual(['/bounce']);
  });

  it('item 7: ends a hanging fetch when the caller aborts, with the abort reason', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).write(' '));
    const budget = new AbortController();
    const fetching = safeFetch(server.url('/slow.png'), options(server, { timeoutMs: 60_000, signal: budget.signal }));
    await new Promise<void>((resolve) => {
      const wait = () => (server.requests.length > 0 ? resolve() : setTimeout(wait, 10));
      wait();
    });
    budget.abort(new FetchFailedError('page time budget exhausted'));
    const err = await failure(fetching);
    expect(err).toBeInstanceOf(FetchFailedError);
    expect(err.message).toBe('page time budget exhausted');
    await expect(failure(safeFetch(server.url('/slow.png'), options(server, { signal: budget.signal })))).resolves.toHaveProperty(
      'message',
      'page time budget exhausted',
    );
  });
});
