import { ConflictError, NotFoundError, ValidationError, type Clock, type Queryable } from '@hotline/platform';
import * as valid from './directory-validation';
import type { RdapContact } from './rdap-parse';
import type { HostingProvider, ProviderInput, HostingOverride, OverrideInput, CdnOriginRule, CdnRuleInput, CachedContact } from './directory-types';

export type { HostingProvider, ProviderInput, HostingOverride, OverrideInput, CdnOriginRule, CdnRuleInput, CachedContact } from './directory-types';

/**
 * The provider directory (hosting_providers, hosting_overrides, cdn_origin_rules) and the RDAP cache
 * (rdap_cache): every statement of the table group, rows mapped once. Inputs are validated here, so the
 * console routes built over these functions pass on a ValidationError as a 400.
 */

interface ProviderRow {
  id: string;
  name: string;
  abuse_email: string | null;
  language: string | null;
  country: string | null;
  asn: string | number | null;
  upstream_abuse_email: string | null;
  note: string | null;
  updated_at: Date | string;
  updated_by: string;
}

interface OverrideRow {
  id: string;
  network: string | null;
  host: string | null;
  provider_id: string | null;
  country: string | null;
  asn: string | number | null;
  note: string | null;
  created_by: string;
  created_at: Date | string;
}

interface CdnRow {
  id: string;
  host: string;
  origin: string;
  provider_id: string | null;
  note: string | null;
  created_by: string;
  created_at: Date | string;
}

interface CacheRow {
  key: string;
  network: string | null;
  abuse_email: string | null;
  name: string | null;
  handle: string | null;
  country: string | null;
  fetched_at: Date | string;
}

const iso = (t: Date | string): string => new Date(t).toISOString();
const num = (v: string | number | null): number | null => (v === null || v === undefined ? null : Number(v));

const PROVIDER_COLS = `id::text AS id, name, abuse_email, language, country, asn, upstream_abuse_email, note, updated_at, updated_by`;
const OVERRIDE_COLS = `id::text AS id, network::text AS network, host, provider_id::text AS provider_id, country, asn, note, created_by, created_at`;
const CDN_COLS = `id::text AS id, host, origin, provider_id::text AS provider_id, note, created_by, created_at`;
const CACHE_COLS = `key, network, abuse_email, name, handle, country, fetched_at`;

function toProvider(r: ProviderRow): HostingProvider {
  return {
    id: r.id,
    name: r.name,
    abuseEmail: r.abuse_email,
    language: r.language,
    country: r.country,
    asn: num(r.asn),
    upstreamAbuseEmail: r.upstream_abuse_email,
    note: r.note,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

function toOverride(r: OverrideRow): HostingOverride {
  return {
    id: r.id,
    network: r.network,
    host: r.host,
    providerId: r.provider_id,
    country: r.country,
    asn: num(r.asn),
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

function toCdnRule(r: CdnRow): CdnOriginRule {
  return { id: r.id, host: r.host, origin: r.origin, providerId: r.provider_id, note: r.note, createdBy: r.created_by, createdAt: iso(r.created_at) };
}

/** Unique and foreign-key violations are the caller's mistake, said in a sentence; anything else is ours. */
function mapDbError(err: unknown, what: string): never {
  const code = (err as { code?: string }).code;
  if (code === '23505') throw new ConflictError(`${what} already exists`, 'duplicate');
  if (code === '23503') throw new ValidationError(`no hosting provider with that id`);
  throw err;
}

// ---- providers ----

function providerValues(input: ProviderInput): unknown[] {
  return [
    valid.required(input.name, 'name'),
    valid.email(input.abuseEmail, 'abuseEmail'),
    valid.language(input.language),
    valid.country(input.country),
    valid.asn(input.asn),
    valid.email(input.upstreamAbuseEmail, 'upstreamAbuseEmail'),
    valid.text(input.note, 'note'),
  ];
}

export async function listProviders(db: Queryable): Promise<HostingProvider[]> {
  const { rows } = await db.query<ProviderRow>(`SELECT ${PROVIDER_COLS} FROM hosting_providers ORDER BY lower(name), id`);
  return rows.map(toProvider);
}

export async function getProvider(db: Queryable, id: string): Promise<HostingProvider | null> {
  const { rows } = await db.query<ProviderRow>(`SELECT ${PROVIDER_COLS} FROM hosting_providers WHERE id = $1`, [valid.id(id)]);
  return rows[0] ? toProvider(rows[0]) : null;
}

/** The provider the directory knows for an AS (the most recently updated, should two claim it). */
export async function findProviderByAsn(db: Queryable, asn: number): Promise<HostingProvider | null> {
  const { rows } = await db.query<ProviderRow>(`SELECT ${PROVIDER_COLS} FROM hosting_providers WHERE asn = $1 ORDER BY updated_at DESC, id DESC LIMIT 1`, [
    asn,
  ]);
  return rows[0] ? toProvider(rows[0]) : null;
}

export async function createProvider(db: Queryable, input: ProviderInput, actor: string): Promise<HostingProvider> {
  const values = [...providerValues(input), valid.required(actor, 'actor')];
  try {
    const { rows } = await db.query<ProviderRow>(
      `INSERT INTO hosting_providers (name, abuse_email, language, country, asn, upstream_abuse_email, note, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${PROVIDER_COLS}`,
      values,
    );
    return toProvider(rows[0] as ProviderRow);
  } catch (err) {
    return mapDbError(err, `a provider named "${String(values[0])}"`);
  }
}

/** Replaces the given fields; absent ones keep their value. */
export async function updateProvider(db: Queryable, id: string, changes: Partial<ProviderInput>, actor: string): Promise<HostingProvider> {
  const current = await getProvider(db, id);
  if (!current) throw new NotFoundError(`no hosting provider ${id}`);
  const merged: ProviderInput = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const values = [...providerValues(merged), valid.required(actor, 'actor'), id];
  try {
    const { rows } = await db.query<ProviderRow>(
      `UPDATE hosting_providers SET name = $1, abuse_email = $2, language = $3, country = $4, asn = $5,
         upstream_abuse_email = $6, note = $7, updated_by = $8, updated_at = now()
       WHERE id = $9 RETURNING ${PROVIDER_COLS}`,
      values,
    );
    return toProvider(rows[0] as ProviderRow);
  } catch (err) {
    return mapDbError(err, `a provider named "${String(values[0])}"`);
  }
}

/** False when there was none; a ConflictError while an override or CDN rule still names it. */
export async function deleteProvider(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM hosting_overrides WHERE provider_id = $1) + (SELECT count(*) FROM cdn_origin_rules WHERE provider_id = $1))::int AS n`,
    [valid.id(id)],
  );
  const uses = rows[0]?.n ?? 0;
  if (uses > 0) throw new ConflictError(`the provider is used by ${uses} override(s) or CDN rule(s); delete or change those first`, 'provider_in_use');
  const res = await db.query(`DELETE FROM hosting_providers WHERE id = $1`, [id]);
  return res.rowCount > 0;
}

// ---- overrides ----

export async function listOverrides(db: Queryable): Promise<HostingOverride[]> {
  const { rows } = await db.query<OverrideRow>(`SELECT ${OVERRIDE_COLS} FROM hosting_overrides ORDER BY host NULLS LAST, network, id`);
  return rows.map(toOverride);
}

/** Creates the override of a network or host, or replaces the one it already has. */
export async function setOverride(db: Queryable, input: OverrideInput, actor: string): Promise<HostingOverride> {
  const hasNetwork = input.network !== null && input.network !== undefined && input.network.trim() !== '';
  const hasHost = input.host !== null && input.host !== undefined && input.host.trim() !== '';
  if (hasNetwork === hasHost) throw new ValidationError('an override names either a network or a host, not both and not neither');
  const values = [
    hasNetwork ? valid.network(input.network as string) : null,
    hasHost ? valid.host(input.host as string, 'host', true) : null,
    input.providerId === null || input.providerId === undefined || input.providerId === '' ? null : valid.id(input.providerId, 'providerId'),
    valid.country(input.country),
    valid.asn(input.asn),
    valid.text(input.note, 'note'),
    valid.required(actor, 'actor'),
  ];
  if (values[2] === null && values[3] === null && values[4] === null) throw new ValidationError('an override sets a provider, a country or an AS number');
  try {
    const { rows } = await db.query<OverrideRow>(
      `INSERT INTO hosting_overrides (network, host, provider_id, country, asn, note, created_by)
       VALUES ($1::cidr, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (${hasNetwork ? 'network' : 'host'}) DO UPDATE SET provider_id = EXCLUDED.provider_id, country = EXCLUDED.country,
         asn = EXCLUDED.asn, note = EXCLUDED.note, created_by = EXCLUDED.created_by, created_at = now()
       RETURNING ${OVERRIDE_COLS}`,
      values,
    );
    return toOverride(rows[0] as OverrideRow);
  } catch (err) {
    return mapDbError(err, 'the override');
  }
}

export async function deleteOverride(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`DELETE FROM hosting_overrides WHERE id = $1`, [valid.id(id)])).rowCount > 0;
}

/** The host's own override, else the longest `*.suffix` one that covers it. */
export async function findHostOverride(db: Queryable, host: string): Promise<HostingOverride | null> {
  const { rows } = await db.query<OverrideRow>(
    `SELECT ${OVERRIDE_COLS} FROM hosting_overrides
     WHERE host = $1 OR (host LIKE '*.%' AND right($1, length(host) - 1) = substr(host, 2))
     ORDER BY (host = $1) DESC, length(host) DESC LIMIT 1`,
    [host],
  );
  return rows[0] ? toOverride(rows[0]) : null;
}

/** The most specific network override (longest prefix) that holds the IP. */
export async function findNetworkOverride(db: Queryable, ip: string): Promise<HostingOverride | null> {
  const { rows } = await db.query<OverrideRow>(
    `SELECT ${OVERRIDE_COLS} FROM hosting_overrides WHERE network >>= $1::inet ORDER BY masklen(network) DESC LIMIT 1`,
    [ip],
  );
  return rows[0] ? toOverride(rows[0]) : null;
}

// ---- CDN origin rules ----

export async function listCdnRules(db: Queryable): Promise<CdnOriginRule[]> {
  const { rows } = await db.query<CdnRow>(`SELECT ${CDN_COLS} FROM cdn_origin_rules ORDER BY host`);
  return rows.map(toCdnRule);
}

/** Records (or replaces) where a host behind a CDN really lives. */
export async function setCdnRule(db: Queryable, input: CdnRuleInput, actor: string): Promise<CdnOriginRule> {
  const values = [
    valid.host(input.host),
    valid.origin(input.origin),
    input.providerId === null || input.providerId === undefined || input.providerId === '' ? null : valid.id(input.providerId, 'providerId'),
    valid.text(input.note, 'note'),
    valid.required(actor, 'actor'),
  ];
  if (values[0] === values[1]) throw new ValidationError('a CDN rule points the host at another origin');
  try {
    const { rows } = await db.query<CdnRow>(
      `INSERT INTO cdn_origin_rules (host, origin, provider_id, note, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (host) DO UPDATE SET origin = EXCLUDED.origin, provider_id = EXCLUDED.provider_id, note = EXCLUDED.note,
         created_by = EXCLUDED.created_by, created_at = now()
       RETURNING ${CDN_COLS}`,
      values,
    );
    return toCdnRule(rows[0] as CdnRow);
  } catch (err) {
    return mapDbError(err, 'the CDN rule');
  }
}

export async function deleteCdnRule(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`DELETE FROM cdn_origin_rules WHERE id = $1`, [valid.id(id)])).rowCount > 0;
}

export async function findCdnRule(db: Queryable, host: string): Promise<CdnOriginRule | null> {
  const { rows } = await db.query<CdnRow>(`SELECT ${CDN_COLS} FROM cdn_origin_rules WHERE host = $1`, [host]);
  return rows[0] ? toCdnRule(rows[0]) : null;
}

// ---- RDAP cache ----

function toCached(r: CacheRow, clock: Clock): CachedContact {
  const fetchedAt = iso(r.fetched_at);
  return {
    key: r.key,
    network: r.network,
    abuseEmail: r.abuse_email,
    name: r.name,
    handle: r.handle,
    country: r.country,
    fetchedAt,
    ageSeconds: Math.max(0, Math.floor((clock.nowMs() - Date.parse(fetchedAt)) / 1000)),
  };
}

/** Every cached RDAP answer with its age, the oldest first (what the console shows under "cached contacts"). */
export async function listCachedContacts(db: Queryable, clock: Clock): Promise<CachedContact[]> {
  const { rows } = await db.query<CacheRow>(`SELECT ${CACHE_COLS} FROM rdap_cache ORDER BY fetched_at, key`);
  return rows.map((r) => toCached(r, clock));
}

/** Forgets one cached answer, so the next trace asks the registry again. */
export async function deleteCachedContact(db: Queryable, key: string): Promise<boolean> {
  return (await db.query(`DELETE FROM rdap_cache WHERE key = $1`, [key])).rowCount > 0;
}

/** The innermost cached network that holds the IP, fetched at or after `notBefore`. */
export async function findCachedNetwork(db: Queryable, ip: string, notBefore: Date, clock: Clock): Promise<CachedContact | null> {
  const { rows } = await db.query<CacheRow>(
    `SELECT ${CACHE_COLS} FROM rdap_cache
     WHERE key LIKE 'ip:%' AND family(range_start) = family($1::inet) AND $1::inet BETWEEN range_start AND range_end AND fetched_at >= $2
     ORDER BY range_start DESC, range_end ASC LIMIT 1`,
    [ip, notBefore.toISOString()],
  );
  return rows[0] ? toCached(rows[0], clock) : null;
}

export async function findCachedKey(db: Queryable, key: string, notBefore: Date, clock: Clock): Promise<CachedContact | null> {
  const { rows } = await db.query<CacheRow>(`SELECT ${CACHE_COLS} FROM rdap_cache WHERE key = $1 AND fetched_at >= $2`, [key, notBefore.toISOString()]);
  return rows[0] ? toCached(rows[0], clock) : null;
}

/** Keeps the raw answer only while small: the fields above are what the trace reads. */
const RAW_CAP = 64 * 1024;

export async function saveCachedContact(db: Queryable, key: string, contact: RdapContact, fetchedAt: Date, raw: unknown): Promise<void> {
  const json = JSON.stringify(raw);
  await db.query(
    `INSERT INTO rdap_cache (key, range_start, range_end, network, abuse_email, name, handle, country, fetched_at, raw)
     VALUES ($1, $2::inet, $3::inet, $4, $5, $6, $7, $8, $9, $10::jsonb)
     ON CONFLICT (key) DO UPDATE SET range_start = EXCLUDED.range_start, range_end = EXCLUDED.range_end, network = EXCLUDED.network,
       abuse_email = EXCLUDED.abuse_email, name = EXCLUDED.name, handle = EXCLUDED.handle, country = EXCLUDED.country,
       fetched_at = EXCLUDED.fetched_at, raw = EXCLUDED.raw`,
    [
      key,
      contact.rangeStart,
      contact.rangeEnd,
      contact.network,
      contact.abuseEmail,
      contact.name?.slice(0, 500) ?? null,
      contact.handle?.slice(0, 200) ?? null,
      contact.country,
      fetchedAt.toISOString(),
      json.length <= RAW_CAP ? json : JSON.stringify({ truncated: true, bytes: json.length }),
    ],
  );
}
