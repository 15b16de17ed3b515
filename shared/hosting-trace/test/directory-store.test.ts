import { ManualClock, type Db } from '@hotline/platform';
import {
  createProvider,
  deleteCachedContact,
  deleteCdnRule,
  deleteOverride,
  deleteProvider,
  getProvider,
  listCachedContacts,
  listCdnRules,
  listOverrides,
  listProviders,
  setCdnRule,
  setOverride,
  updateProvider,
} from '../src';
import { findHostOverride, findNetworkOverride, saveCachedContact } from '../src/directory-store';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

describe.each([
  ['PostgreSQL', () => createPgTestDb('hosting-directory')],
  ['PGlite', () => createPgliteTestDb()],
])('the provider directory store on %s', (_name, open) => {
  let testDb: TestDb;
  let db: Db;

  beforeAll(async () => {
    testDb = await open();
    db = testDb.db;
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates, reads, updates and lists providers as typed rows', async () => {
    const created = await createProvider(
      db,
      {
        name: 'Example Hosting',
        abuseEmail: 'Abuse@Hosting.Example',
        language: 'NL',
        country: 'nl',
        asn: 'AS64500',
        upstreamAbuseEmail: 'noc@transit.example',
        note: 'replies fast',
      },
      'admin-1',
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'Example Hosting',
      abuseEmail: 'abuse@hosting.example',
      language: 'nl',
      country: 'NL',
      asn: 64500,
      upstreamAbuseEmail: 'noc@transit.example',
      note: 'replies fast',
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updatedBy: 'admin-1',
    });
    expect(await getProvider(db, created.id)).toEqual(created);
    const updated = await updateProvider(db, created.id, { language: 'de', note: null }, 'admin-2');
    expect(updated).toMatchObject({ language: 'de', note: null, abuseEmail: 'abuse@hosting.example', updatedBy: 'admin-2' });
    expect((await listProviders(db)).map((p) => p.name)).toContain('Example Hosting');
  });

  it('refuses bad input with a sentence per field', async () => {
    await expect(createProvider(db, { name: 'X', abuseEmail: 'not-an-address' }, 'a')).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/abuseEmail: .* is not an e-mail/),
    });
    await expect(createProvider(db, { name: 'X', country: 'NLD' }, 'a')).rejects.toThrow(/ISO 3166 two-letter/);
    await expect(createProvider(db, { name: 'X', language: 'dutch' }, 'a')).rejects.toThrow(/ISO 639-1/);
    await expect(createProvider(db, { name: 'X', asn: 0 }, 'a')).rejects.toThrow(/not an AS number/);
    await expect(createProvider(db, { name: ' ' }, 'a')).rejects.toThrow(/name is required/);
    await expect(setOverride(db, { network: '10.0.0.1/8', country: 'NL' }, 'a')).rejects.toThrow(/host bits set; the network is 10.0.0.0\/8/);
    await expect(setOverride(db, { network: 'nonsense', country: 'NL' }, 'a')).rejects.toThrow(/not a CIDR network/);
    await expect(setOverride(db, { network: '10.0.0.0/8', host: 'a.example', country: 'NL' }, 'a')).rejects.toThrow(/either a network or a host/);
    await expect(setOverride(db, { host: 'a.example' }, 'a')).rejects.toThrow(/sets a provider, a country or an AS number/);
    await expect(setOverride(db, { host: 'a.example', providerId: '999999' }, 'a')).rejects.toThrow(/no hosting provider with that id/);
    await expect(setCdnRule(db, { host: 'cdn.example', origin: 'bad host!' }, 'a')).rejects.toThrow(/origin: .* is not a host name/);
    await expect(updateProvider(db, '999999', { note: 'x' }, 'a')).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses a second provider of the same name as a conflict', async () => {
    await createProvider(db, { name: 'Twice' }, 'a');
    await expect(createProvider(db, { name: 'Twice' }, 'a')).rejects.toMatchObject({ code: 'duplicate', status: 409 });
  });

  it('sets, replaces, matches and deletes overrides (longest prefix, exact host before *.suffix)', async () => {
    const p = await createProvider(db, { name: 'Override Hosting', abuseEmail: 'abuse@ov.example' }, 'a');
    const wide = await setOverride(db, { network: '198.51.100.0/24', providerId: p.id }, 'analyst');
    const narrow = await setOverride(db, { network: '198.51.100.128/25', country: 'be' }, 'analyst');
    const v6 = await setOverride(db, { network: '2001:DB8::/32', asn: 64501 }, 'analyst');
    expect(v6.network).toBe('2001:db8::/32');
    expect((await findNetworkOverride(db, '198.51.100.200'))?.id).toBe(narrow.id);
    expect((await findNetworkOverride(db, '198.51.100.5'))?.id).toBe(wide.id);
    expect((await findNetworkOverride(db, '2001:db8::1'))?.asn).toBe(64501);
    expect(await findNetworkOverride(db, '203.0.113.1')).toBeNull();

    const replaced = await setOverride(db, { network: '198.51.100.0/24', country: 'DE' }, 'other');
    expect(replaced).toMatchObject({ id: wide.id, providerId: null, country: 'DE', createdBy: 'other' });

    const star = await setOverride(db, { host: '*.Example.COM', providerId: p.id }, 'analyst');
    const exact = await setOverride(db, { host: 'img.example.com', country: 'FR' }, 'analyst');
    expect(star.host).toBe('*.example.com');
    expect((await findHostOverride(db, 'img.example.com'))?.id).toBe(exact.id);
    expect((await findHostOverride(db, 'a.b.example.com'))?.id).toBe(star.id);
    expect(await findHostOverride(db, 'example.com')).toBeNull();
    expect(await findHostOverride(db, 'notexample.com')).toBeNull();

    expect((await listOverrides(db)).length).toBe(5);
    await expect(deleteProvider(db, p.id)).rejects.toMatchObject({ code: 'provider_in_use', status: 409 });
    expect(await deleteOverride(db, star.id)).toBe(true);
    expect(await deleteOverride(db, star.id)).toBe(false);
    expect(await deleteProvider(db, p.id)).toBe(true);
  });

  it('sets, replaces and deletes CDN origin rules', async () => {
    const rule = await setCdnRule(db, { host: 'Shop.Example.', origin: '[2001:db8::10]', note: 'seen in headers' }, 'analyst');
    expect(rule).toEqual({
      id: expect.stringMatching(/^\d+$/),
      host: 'shop.example',
      origin: '2001:db8::10',
      providerId: null,
      note: 'seen in headers',
      createdBy: 'analyst',
      createdAt: expect.any(String),
    });
    const replaced = await setCdnRule(db, { host: 'shop.example', origin: 'origin.example' }, 'analyst');
    expect(replaced).toMatchObject({ id: rule.id, origin: 'origin.example' });
    expect(await listCdnRules(db)).toHaveLength(1);
    expect(await deleteCdnRule(db, rule.id)).toBe(true);
    expect(await listCdnRules(db)).toHaveLength(0);
  });

  it('lists cached RDAP contacts with their age, and forgets one on request', async () => {
    const clock = new ManualClock('2026-11-30T12:00:00.000Z');
    await saveCachedContact(
      db,
      'ip:192.0.2.0/24',
      {
        abuseEmail: 'abuse@doc.example',
        name: 'DOC-NET',
        handle: 'NET-1',
        country: 'NL',
        network: '192.0.2.0/24',
        rangeStart: '192.0.2.0',
        rangeEnd: '192.0.2.255',
      },
      new Date('2026-11-30T09:00:00.000Z'),
      { huge: 'x'.repeat(100_000) },
    );
    expect(await listCachedContacts(db, clock)).toEqual([
      {
        key: 'ip:192.0.2.0/24',
        network: '192.0.2.0/24',
        abuseEmail: 'abuse@doc.example',
        name: 'DOC-NET',
        handle: 'NET-1',
        country: 'NL',
        fetchedAt: '2026-11-30T09:00:00.000Z',
        ageSeconds: 3 * 3600,
      },
    ]);
    const { rows } = await db.query<{ raw: unknown }>(`SELECT raw FROM rdap_cache`);
    expect(rows[0]?.raw).toEqual({ truncated: true, bytes: expect.any(Number) });
    expect(await deleteCachedContact(db, 'ip:192.0.2.0/24')).toBe(true);
    expect(await listCachedContacts(db, clock)).toEqual([]);
  });
});
