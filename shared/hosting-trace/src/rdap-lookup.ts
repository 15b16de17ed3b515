import type { Clock, Logger, Queryable } from '@hotline/platform';
import { rirForAsn, rirForIp } from './bootstrap';
import type { HostingTraceConfig, Rir } from './config';
import { findCachedKey, findCachedNetwork, saveCachedContact } from './directory-store';
import { normaliseIp } from './ip-match';
import { fetchRdap, RdapLookupError } from './rdap-client';
import { parseRdapObject, type RdapContact } from './rdap-parse';

export interface RdapResult {
  email: string | null;
  source: 'rdap' | 'rdap_cache' | 'none';
  fetchedAt: string | null;
  network: string | null;
  name: string | null;
  country: string | null;
  error: string | null;
}

interface Ctx {
  db: Queryable;
  cfg: HostingTraceConfig;
  clock: Clock;
  logger?: Logger;
}

/** The configured base for a registry; `*` only for what IANA's bootstrap assigns to no registry. */
function baseFor(cfg: HostingTraceConfig, rir: Rir | null): string | null {
  return (rir ? cfg.RDAP_SERVERS[rir] : cfg.RDAP_SERVERS['*']) ?? null;
}

/** A network object as the cache keeps it; unusable range bounds are dropped rather than stored. */
function cacheable(contact: RdapContact, ip: string): { key: string; contact: RdapContact } {
  const start = contact.rangeStart ? normaliseIp(contact.rangeStart) : null;
  const end = contact.rangeEnd ? normaliseIp(contact.rangeEnd) : null;
  const ranged = start && end && start.includes(':') === end.includes(':');
  return {
    key: `ip:${contact.network ?? ip}`,
    contact: { ...contact, rangeStart: ranged ? start : ip, rangeEnd: ranged ? end : ip },
  };
}

/**
 * The abuse contact of an IP address over RDAP: the network object's `abuse` entity, else the autnum's.
 * Answers are cached (RDAP_CACHE_HOURS); a registry that fails yields `source: 'none'` and a reason.
 */
export async function rdapAbuseContact(ctx: Ctx, ip: string, asn: number | null): Promise<RdapResult> {
  const none: RdapResult = { email: null, source: 'none', fetchedAt: null, network: null, name: null, country: null, error: null };
  if (Object.keys(ctx.cfg.RDAP_SERVERS).length === 0) return none;
  const now = ctx.clock.now();
  const notBefore = new Date(now.getTime() - ctx.cfg.RDAP_CACHE_HOURS * 3600_000);
  const errors: string[] = [];

  let net: RdapResult | null = null;
  const cached = await findCachedNetwork(ctx.db, ip, notBefore, ctx.clock);
  if (cached) {
    net = {
      ...none,
      email: cached.abuseEmail,
      source: 'rdap_cache',
      fetchedAt: cached.fetchedAt,
      network: cached.network,
      name: cached.name,
      country: cached.country,
    };
  } else {
    const rir = rirForIp(ip);
    const base = baseFor(ctx.cfg, rir);
    if (!base) errors.push(`no RDAP server configured for ${rir ?? 'addresses outside the IANA bootstrap'}`);
    else {
      try {
        const raw = await fetchRdap(`${base}ip/${encodeURIComponent(ip)}`, ctx.cfg.RDAP_TIMEOUT_MS);
        const { key, contact } = cacheable(parseRdapObject(raw), ip);
        await saveCachedContact(ctx.db, key, contact, now, raw);
        net = {
          ...none,
          email: contact.abuseEmail,
          source: 'rdap',
          fetchedAt: now.toISOString(),
          network: contact.network,
          name: contact.name,
          country: contact.country,
        };
      } catch (err) {
        if (!(err instanceof RdapLookupError)) throw err;
        errors.push(`RDAP ip lookup (${rir ?? '*'}): ${err.message}`);
        ctx.logger?.warn({ rir: rir ?? '*', reason: err.message }, 'RDAP network lookup failed');
      }
    }
  }
  if (net?.email) return net;

  // The network names no abuse contact: the AS's often does.
  if (asn !== null) {
    const key = `autnum:${asn}`;
    const hit = await findCachedKey(ctx.db, key, notBefore, ctx.clock);
    if (hit?.abuseEmail) return { ...(net ?? none), email: hit.abuseEmail, source: 'rdap_cache', fetchedAt: hit.fetchedAt, error: null };
    if (!hit) {
      const rir = rirForAsn(asn);
      const base = baseFor(ctx.cfg, rir);
      if (base) {
        try {
          const raw = await fetchRdap(`${base}autnum/${asn}`, ctx.cfg.RDAP_TIMEOUT_MS);
          const contact = { ...parseRdapObject(raw), rangeStart: null, rangeEnd: null, network: null };
          await saveCachedContact(ctx.db, key, contact, now, raw);
          if (contact.abuseEmail) return { ...(net ?? none), email: contact.abuseEmail, source: 'rdap', fetchedAt: now.toISOString(), error: null };
        } catch (err) {
          if (!(err instanceof RdapLookupError)) throw err;
          errors.push(`RDAP autnum lookup (${rir ?? '*'}): ${err.message}`);
          ctx.logger?.warn({ rir: rir ?? '*', reason: err.message }, 'RDAP autnum lookup failed');
        }
      }
    }
  }
  if (net && errors.length === 0) errors.push('RDAP names no abuse contact');
  return { ...(net ?? none), email: null, source: 'none', fetchedAt: null, error: errors.join('; ') || null };
}
