import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ManualClock } from '@hotline/platform';
import { buildReviewApp, type ReviewContext } from '@hotline/review';
import { reviewTestContext } from './support/review-seed';
import { createUser, loginAs, type ReviewClient, type TestUser } from './support/review-session';
import { createPgliteTestDb, type TestDb } from './support/test-db';

type ErrorBody = { error?: { code?: string; message?: string; details?: Array<{ path: string }> } };

/** Issue 11's provider directory in the review API: providers, overrides, CDN origin rules and cached RDAP contacts. */
describe('review API: the provider directory', () => {
  let t: TestDb;
  let ctx: ReviewContext;
  let clock: ManualClock;
  let server: Server;
  let base: string;
  const users = {} as Record<'analyst' | 'senior', TestUser>;
  const as = {} as Record<'analyst' | 'senior', ReviewClient>;
  let providerId: string;

  const codeOf = async (res: Response) => [res.status, ((await res.json()) as ErrorBody).error?.code];
  /** The status, the code and what names the bad field: the zod path, or the store's message. */
  const refusal = async (res: Response) => {
    const e = ((await res.json()) as ErrorBody).error;
    return { status: res.status, code: e?.code, said: [e?.message, ...(e?.details ?? []).map((d) => d.path)].join(' | ') };
  };
  const audit = async (action: string) =>
    (
      await t.db.query<{ actor: string; subject: string; details: Record<string, unknown> }>(
        'SELECT actor, subject, details FROM audit_log WHERE action = $1 ORDER BY seq',
        [action],
      )
    ).rows;

  beforeAll(async () => {
    t = await createPgliteTestDb();
    ({ ctx, clock } = await reviewTestContext(t.db));
    server = buildReviewApp(ctx).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const role of ['analyst', 'senior'] as const) {
      users[role] = await createUser(t.db, ctx.secrets.accountsKey, { role, clock });
      as[role] = await loginAs(base, users[role], clock);
    }
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  it('lets a senior add a provider (audited with its abuse address), refuses an analyst, a bad field and a duplicate name', async () => {
    const input = { name: 'Polder Hosting', abuseEmail: 'Abuse@Polder-Hosting.example', language: 'nl', country: 'nl', asn: 'AS64500', note: 'answers fast' };
    expect(await codeOf(await as.analyst.post('/api/takedown/directory/providers', input))).toEqual([403, 'forbidden']);
    const res = await as.senior.post('/api/takedown/directory/providers', input);
    expect(res.status).toBe(201);
    const p = (await res.json()) as Record<string, unknown> & { id: string };
    expect(p).toMatchObject({
      name: 'Polder Hosting',
      abuseEmail: 'abuse@polder-hosting.example',
      language: 'nl',
      country: 'NL',
      asn: 64500,
      updatedBy: users.senior.id,
    });
    providerId = p.id;
    expect(await audit('directory.provider_created')).toEqual([
      {
        actor: users.senior.id,
        subject: providerId,
        details: { name: 'Polder Hosting', abuseEmail: 'abuse@polder-hosting.example', country: 'NL', asn: 64500 },
      },
    ]);

    expect(await refusal(await as.senior.post('/api/takedown/directory/providers', { ...input, name: 'Other', abuseEmail: 'not-an-address' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      said: expect.stringContaining('abuseEmail'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/providers', { ...input, name: 'Other', country: 'Netherlands' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('country'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/providers', { abuseEmail: 'abuse@x.example' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('name'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/providers', { name: 'Other', colour: 'red' }))).toMatchObject({ status: 400 });
    expect(await codeOf(await as.senior.post('/api/takedown/directory/providers', input))).toEqual([409, 'duplicate']);
    expect(await audit('directory.provider_created')).toHaveLength(1);
  });

  it('changes only the fields given; 404 for an unknown provider, 400 for an id that is none or a bad value', async () => {
    expect(await codeOf(await as.analyst.put(`/api/takedown/directory/providers/${providerId}`, { note: 'x' }))).toEqual([403, 'forbidden']);
    const res = await as.senior.put(`/api/takedown/directory/providers/${providerId}`, { upstreamAbuseEmail: 'abuse@transit.example', note: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: 'Polder Hosting',
      abuseEmail: 'abuse@polder-hosting.example',
      upstreamAbuseEmail: 'abuse@transit.example',
      note: null,
    });
    expect(await audit('directory.provider_updated')).toEqual([
      {
        actor: users.senior.id,
        subject: providerId,
        details: { fields: ['note', 'upstreamAbuseEmail'], name: 'Polder Hosting', abuseEmail: 'abuse@polder-hosting.example' },
      },
    ]);
    expect(await codeOf(await as.senior.put('/api/takedown/directory/providers/999999', { note: 'x' }))).toEqual([404, 'not_found']);
    expect(await refusal(await as.senior.put('/api/takedown/directory/providers/abc', { note: 'x' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('id'),
    });
    expect(await refusal(await as.senior.put(`/api/takedown/directory/providers/${providerId}`, { language: 'Dutch' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('language'),
    });
    expect(await codeOf(await as.senior.put(`/api/takedown/directory/providers/${providerId}`, {}))).toEqual([400, 'invalid_request']);
  });

  it('sets network and host overrides for a senior, naming the field it refuses; an analyst is refused', async () => {
    const network = { network: '192.0.2.0/24', providerId, country: 'NL' };
    expect(await codeOf(await as.analyst.post('/api/takedown/directory/overrides', network))).toEqual([403, 'forbidden']);
    const res = await as.senior.post('/api/takedown/directory/overrides', network);
    expect(res.status).toBe(200);
    const o = (await res.json()) as { id: string };
    expect(o).toMatchObject({ network: '192.0.2.0/24', host: null, providerId, country: 'NL', createdBy: users.senior.id });
    const host = (await (await as.senior.post('/api/takedown/directory/overrides', { host: '*.Gallery.example', asn: 64501 })).json()) as {
      id: string;
      host: string;
    };
    expect(host.host).toBe('*.gallery.example');
    expect((await audit('directory.override_set')).map((a) => [a.subject, a.details.network ?? a.details.host])).toEqual([
      [o.id, '192.0.2.0/24'],
      [host.id, '*.gallery.example'],
    ]);

    expect(await refusal(await as.senior.post('/api/takedown/directory/overrides', { network: '192.0.2.1/24', country: 'NL' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('network'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/overrides', { host: 'gallery', country: 'NL' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('host'),
    });
    expect(
      await refusal(await as.senior.post('/api/takedown/directory/overrides', { network: '198.51.100.0/24', host: 'a.example', country: 'NL' })),
    ).toMatchObject({
      status: 400,
      said: expect.stringContaining('network or a host'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/overrides', { host: 'a.example', providerId: '999999' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('provider'),
    });
    expect(await refusal(await as.senior.post('/api/takedown/directory/overrides', { host: 'a.example', asn: 64500, colour: 'red' }))).toMatchObject({
      status: 400,
    });
  });

  it('lets an analyst record a CDN origin rule and remove it; refuses a host that is none and an origin equal to the host', async () => {
    const res = await as.analyst.post('/api/takedown/directory/cdn-rules', { host: 'cdn.example', origin: 'origin.polder-hosting.example', providerId });
    expect(res.status).toBe(200);
    const rule = (await res.json()) as { id: string };
    expect(rule).toMatchObject({ host: 'cdn.example', origin: 'origin.polder-hosting.example', providerId, createdBy: users.analyst.id });
    expect(await audit('directory.cdn_rule_set')).toEqual([
      { actor: users.analyst.id, subject: rule.id, details: { host: 'cdn.example', origin: 'origin.polder-hosting.example', providerId } },
    ]);
    expect(await refusal(await as.analyst.post('/api/takedown/directory/cdn-rules', { host: 'not a host', origin: '192.0.2.7' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('host'),
    });
    expect(await refusal(await as.analyst.post('/api/takedown/directory/cdn-rules', { host: 'cdn.example' }))).toMatchObject({
      status: 400,
      said: expect.stringContaining('origin'),
    });
    expect(await codeOf(await as.analyst.post('/api/takedown/directory/cdn-rules', { host: 'cdn.example', origin: 'CDN.example' }))).toEqual([
      400,
      'invalid_request',
    ]);

    const temp = (await (await as.analyst.post('/api/takedown/directory/cdn-rules', { host: 'img.example', origin: '198.51.100.7' })).json()) as { id: string };
    expect((await as.analyst.del(`/api/takedown/directory/cdn-rules/${temp.id}`)).status).toBe(204);
    expect(await codeOf(await as.analyst.del(`/api/takedown/directory/cdn-rules/${temp.id}`))).toEqual([404, 'not_found']);
    expect(await audit('directory.cdn_rule_deleted')).toEqual([{ actor: users.analyst.id, subject: temp.id, details: {} }]);
  });

  it('shows the whole directory to an analyst, cached contacts with their age', async () => {
    await t.db.query(
      `INSERT INTO rdap_cache (key, range_start, range_end, network, abuse_email, name, handle, country, fetched_at)
       VALUES ('ip:203.0.113.0/24', '203.0.113.0', '203.0.113.255', '203.0.113.0/24', 'abuse@example.net', 'Example Net', 'EX-1', 'DE', $1)`,
      [new Date(clock.now().getTime() - 3 * 3600_000).toISOString()],
    );
    const res = await as.analyst.get('/api/takedown/directory');
    expect(res.status).toBe(200);
    const d = (await res.json()) as Record<string, Array<Record<string, unknown>>>;
    expect(d.providers!.map((p) => p.name)).toEqual(['Polder Hosting']);
    expect(d.overrides!.map((o) => o.host ?? o.network)).toEqual(['*.gallery.example', '192.0.2.0/24']);
    expect(d.cdnRules!.map((r) => [r.host, r.origin])).toEqual([['cdn.example', 'origin.polder-hosting.example']]);
    expect(d.cachedContacts).toEqual([expect.objectContaining({ key: 'ip:203.0.113.0/24', abuseEmail: 'abuse@example.net', ageSeconds: 3 * 3600 })]);
  });

  it('forgets a cached contact for a senior only; 404 the second time', async () => {
    const path = `/api/takedown/directory/cached-contacts/${encodeURIComponent('ip:203.0.113.0/24')}`;
    expect(await codeOf(await as.analyst.del(path))).toEqual([403, 'forbidden']);
    expect((await as.senior.del(path)).status).toBe(204);
    expect((await t.db.query('SELECT 1 FROM rdap_cache')).rows).toEqual([]);
    expect(await codeOf(await as.senior.del(path))).toEqual([404, 'not_found']);
    expect(await audit('directory.cached_contact_forgotten')).toEqual([{ actor: users.senior.id, subject: 'ip:203.0.113.0/24', details: {} }]);
  });

  it('refuses to delete a provider in use (409 provider_in_use), then deletes it once its override and rule are gone', async () => {
    const path = `/api/takedown/directory/providers/${providerId}`;
    expect(await codeOf(await as.analyst.del(path))).toEqual([403, 'forbidden']);
    expect(await codeOf(await as.senior.del(path))).toEqual([409, 'provider_in_use']);
    const d = (await (await as.analyst.get('/api/takedown/directory')).json()) as { overrides: Array<{ id: string }>; cdnRules: Array<{ id: string }> };
    expect(await codeOf(await as.analyst.del(`/api/takedown/directory/overrides/${d.overrides[0]!.id}`))).toEqual([403, 'forbidden']);
    for (const o of d.overrides) expect((await as.senior.del(`/api/takedown/directory/overrides/${o.id}`)).status).toBe(204);
    expect(await codeOf(await as.senior.del(`/api/takedown/directory/overrides/${d.overrides[0]!.id}`))).toEqual([404, 'not_found']);
    expect((await as.analyst.del(`/api/takedown/directory/cdn-rules/${d.cdnRules[0]!.id}`)).status).toBe(204);
    expect((await as.senior.del(path)).status).toBe(204);
    expect(await codeOf(await as.senior.del(path))).toEqual([404, 'not_found']);
    expect(await codeOf(await as.senior.del('/api/takedown/directory/providers/nope'))).toEqual([400, 'invalid_request']);
    expect(await audit('directory.provider_deleted')).toEqual([{ actor: users.senior.id, subject: providerId, details: { name: 'Polder Hosting' } }]);
    expect((await audit('directory.override_deleted')).length).toBe(2);
  });
});
