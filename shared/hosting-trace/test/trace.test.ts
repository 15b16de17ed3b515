import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, type Db } from '@hotline/platform';
import { createCdnRuleFixture, rdapNetwork } from './rdap-fixtures';
import { createProvider, hostingTraceConfig, listCachedContacts, setOverride, traceHosting, type TraceDeps } from '../src';
import { z } from 'zod';
import { createPgliteTestDb, type TestDb } from '../../../test/support/test-db';

/** A local RDAP server on 127.0.0.1: counts requests; `mode` says how it answers. */
async function startRdap() {
  const state = { hits: [] as string[], mode: 'ok' as 'ok' | 'slow' | 'error' | 'garbage' | 'no-abuse' };
  const server = http.createServer((req, res) => {
    state.hits.push(req.url ?? '');
    if (state.mode === 'slow') return; // never answers
    if (state.mode === 'error') return res.writeHead(500).end('oops');
    if (state.mode === 'garbage') return res.writeHead(200, { 'content-type': 'application/rdap+json' }).end('<html>not json');
    if (req.url?.startsWith('/rdap/autnum/')) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(JSON.stringify(rdapNetwork(state.mode === 'ok')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    port,
    base: `http://127.0.0.1:${port}/rdap`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('traceHosting', () => {
  let testDb: TestDb;
  let db: Db;
  let rdap: Awaited<ReturnType<typeof startRdap>>;
  let clock: ManualClock;
  let deps: TraceDeps;
  const URL_ = 'http://site.test:8080/img/1.png';
  // The site's name resolves to loopback, which FETCH_ALLOW_HOSTS lets through (as in every local test).
  const lookup = async () => [{ address: '127.0.0.1', family: 4 }];

  beforeAll(async () => {
    testDb = await createPgliteTestDb();
    db = testDb.db;
  });

  afterAll(async () => {
    await testDb.drop();
  });

  beforeEach(async () => {
    await db.exec('DELETE FROM hosting_overrides; DELETE FROM cdn_origin_rules; DELETE FROM hosting_providers; DELETE FROM rdap_cache;');
    rdap = await startRdap();
    clock = new ManualClock('2026-11-30T10:00:00.000Z');
    const cfg = z.object(hostingTraceConfig).parse({ RDAP_SERVERS: `*=${rdap.base}`, RDAP_TIMEOUT_MS: '300', RDAP_CACHE_HOURS: '24' });
    deps = { cfg, clock, allowHosts: ['site.test:8080'], lookup };
  });

  afterEach(async () => {
    await rdap.close();
  });

  it('finds the abuse contact in a nested RDAP entity and records where it came from', async () => {
    const trace = await traceHosting(db, URL_, deps);
    expect(trace).toMatchObject({
      url: URL_,
      host: 'site.test',
      ip: '127.0.0.1',
      network: '127.0.0.0/8',
      abuse: { email: 'abuse@hoster.test', source: 'rdap', fetchedAt: '2026-11-30T10:00:00.000Z' },
      provider: { id: null, name: 'LOOPBACK-NET' },
      country: 'NL',
      countrySource: 'rdap',
      cdn: null,
      error: null,
    });
    expect(rdap.state.hits).toEqual(['/rdap/ip/127.0.0.1']);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('asks the registry again only after RDAP_CACHE_HOURS', async () => {
    await traceHosting(db, URL_, deps);
    clock.advance(23 * 3600_000);
    const cached = await traceHosting(db, URL_, deps);
    expect(cached.abuse).toEqual({ email: 'abuse@hoster.test', source: 'rdap_cache', fetchedAt: '2026-11-30T10:00:00.000Z' });
    expect(rdap.state.hits).toHaveLength(1);
    const [contact] = await listCachedContacts(db, clock);
    expect(contact).toMatchObject({ key: 'ip:127.0.0.0/8', abuseEmail: 'abuse@hoster.test', ageSeconds: 23 * 3600 });

    clock.advance(2 * 3600_000);
    const fresh = await traceHosting(db, URL_, deps);
    expect(fresh.abuse.source).toBe('rdap');
    expect(rdap.state.hits).toHaveLength(2);
  });

  it.each([
    ['times out', 'slow', /no answer within 300 ms/],
    ['answers 500', 'error', /answered 500/],
    ['answers garbage', 'garbage', /not JSON/],
  ] as const)('gives a trace with the reason when the RDAP server %s, never a throw', async (_what, mode, reason) => {
    rdap.state.mode = mode;
    const trace = await traceHosting(db, URL_, deps);
    expect(trace.ip).toBe('127.0.0.1');
    expect(trace.abuse).toEqual({ email: null, source: 'none', fetchedAt: null });
    expect(trace.error).toMatch(reason);
  });

  it('says so when the network names no abuse contact', async () => {
    rdap.state.mode = 'no-abuse';
    const trace = await traceHosting(db, URL_, deps);
    expect(trace.abuse.source).toBe('none');
    expect(trace.error).toMatch(/no abuse contact/);
  });

  it('makes no RDAP request at all without RDAP_SERVERS', async () => {
    const cfg = z.object(hostingTraceConfig).parse({});
    const trace = await traceHosting(db, URL_, { ...deps, cfg });
    expect(rdap.state.hits).toHaveLength(0);
    expect(trace.abuse.source).toBe('none');
    expect(trace.error).toMatch(/RDAP is not configured/);
  });

  it('prefers a host override over a network override over RDAP', async () => {
    const net = await createProvider(db, { name: 'Net Hosting', abuseEmail: 'abuse@net.test', country: 'DE', language: 'de' }, 'admin');
    const site = await createProvider(
      db,
      { name: 'Site Hosting', abuseEmail: 'abuse@site.test', language: 'fr', upstreamAbuseEmail: 'noc@upstream.test' },
      'admin',
    );

    await setOverride(db, { network: '127.0.0.0/8', providerId: net.id }, 'admin');
    expect(await traceHosting(db, URL_, deps)).toMatchObject({ provider: { id: net.id }, abuse: { email: 'abuse@net.test', source: 'override' } });

    // The longest prefix wins, whole: this one names a country only, so the contact comes from RDAP.
    await setOverride(db, { network: '127.0.0.0/16', country: 'BE' }, 'admin');
    expect(await traceHosting(db, URL_, deps)).toMatchObject({
      provider: { id: null },
      abuse: { email: 'abuse@hoster.test', source: 'rdap' },
      country: 'BE',
      countrySource: 'override',
    });

    await setOverride(db, { network: '127.0.0.0/16', providerId: net.id }, 'admin');
    expect(await traceHosting(db, URL_, deps)).toMatchObject({
      provider: { id: net.id, name: 'Net Hosting' },
      abuse: { email: 'abuse@net.test', source: 'override' },
      country: 'DE',
      countrySource: 'provider',
      language: 'de',
    });

    await setOverride(db, { host: 'site.test', providerId: site.id }, 'admin');
    expect(await traceHosting(db, URL_, deps)).toMatchObject({
      provider: { id: site.id, name: 'Site Hosting' },
      abuse: { email: 'abuse@site.test', source: 'override' },
      upstreamAbuseEmail: 'noc@upstream.test',
      language: 'fr',
    });
    expect(rdap.state.hits).toHaveLength(1);
  });

  it('traces the origin of a host behind a CDN, and says so', async () => {
    const origins: string[] = [];
    const withOrigin: TraceDeps = {
      ...deps,
      allowHosts: ['origin.test:8080'],
      lookup: async (name) => {
        origins.push(name);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    };
    const { provider } = await createCdnRuleFixture(db, { host: 'site.test', origin: 'origin.test' });
    const trace = await traceHosting(db, URL_, withOrigin);
    expect(origins).toEqual(['origin.test']);
    expect(trace).toMatchObject({
      host: 'site.test',
      ip: '127.0.0.1',
      cdn: { host: 'site.test', origin: 'origin.test' },
      provider: { id: provider.id, name: 'Origin Hosting' },
      abuse: { email: 'abuse@origin.test', source: 'cdn_rule' },
    });
  });

  it('gives ip null and says refused for a host that resolves to a private address', async () => {
    const trace = await traceHosting(db, 'http://intranet.example/x.png', {
      ...deps,
      allowHosts: [],
      lookup: async () => [{ address: '10.0.0.5', family: 4 }],
    });
    expect(trace).toMatchObject({ ip: null, country: null, asn: null, abuse: { email: null, source: 'none' } });
    expect(trace.error).toMatch(/refused/);
    expect(rdap.state.hits).toHaveLength(0);
  });

  it('gives ip null and the reason when DNS fails', async () => {
    const failing = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    const trace = await traceHosting(db, 'http://gone.example/x.png', { ...deps, lookup: failing });
    expect(trace.ip).toBeNull();
    expect(trace.error).toMatch(/DNS lookup failed .*ENOTFOUND/);
  });

  it('reads country and AS of a public IP from the offline databases', async () => {
    const cfg = z.object(hostingTraceConfig).parse({});
    const trace = await traceHosting(db, 'https://8.8.8.8/x.png', { ...deps, cfg, allowHosts: [] });
    expect(trace).toMatchObject({
      ip: '8.8.8.8',
      country: 'US',
      countrySource: 'mmdb',
      asn: 15169,
      asName: 'Google LLC',
      provider: { id: null, name: 'Google LLC' },
    });
  });

  it('takes the abuse address of the provider the directory knows for the AS', async () => {
    const cfg = z.object(hostingTraceConfig).parse({});
    const google = await createProvider(db, { name: 'Google', asn: 15169, abuseEmail: 'abuse@google.test', language: 'en' }, 'admin');
    const trace = await traceHosting(db, 'https://8.8.8.8/x.png', { ...deps, cfg, allowHosts: [] });
    expect(trace).toMatchObject({ provider: { id: google.id, name: 'Google' }, abuse: { email: 'abuse@google.test', source: 'directory' }, error: null });
  });

  it('refuses a string that is not a URL with a typed error', async () => {
    await expect(traceHosting(db, 'not a url', deps)).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
  });
});
