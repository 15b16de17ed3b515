import { createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import ipaddr from 'ipaddr.js';
import { TooManyReportsError } from './errors';

const WINDOW_MS = 60_000;
/** ~100 bytes per entry: the map stays under ~10 MB whatever arrives. */
export const MAX_CLIENTS = 100_000;

/**
 * The unit one client controls: an IPv4 address, or an IPv6 prefix (INTAKE_RATE_LIMIT_IPV6_PREFIX,
 * default /56: a host routinely gets a whole /64 and a customer a /56 or /48, so a longer prefix
 * lets one client rotate through many keys). An IPv4-mapped IPv6 address is its IPv4 address.
 */
export function clientKey(ip: string | undefined, ipv6Prefix = 56): string {
  if (!ip) return '';
  try {
    let addr = ipaddr.parse(ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    if (addr.kind() === 'ipv4') return addr.toString();
    const mask = ipaddr.IPv6.subnetMaskFromPrefixLength(ipv6Prefix).toByteArray();
    const bytes = addr.toByteArray().map((b, i) => b & mask[i]!);
    return `${ipaddr.fromByteArray(bytes).toString()}/${ipv6Prefix}`;
  } catch {
    return ip;
  }
}

export type Hit = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Abuse protection that never keeps an address: the client key is turned into an HMAC with a random
 * in-memory key that is replaced every window, counted in memory, and forgotten when the window
 * ends. Nothing is written to disk, the database or the logs; restarting clears it.
 *
 * The map holds at most `maxClients` entries; when full, the oldest entry of the window is evicted.
 * Evicting fails open (an evicted client starts counting again) where a shared overflow bucket
 * would fail closed: under a flood from many networks it would refuse every new reporter for the
 * rest of the minute. A hotline would rather take a few extra reports than turn reporters away, and
 * a flood of that size needs that many networks anyway.
 */
export class RateLimiter {
  private readonly perMinute: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  private readonly ipv6Prefix: number;
  private key = randomBytes(32);
  private counts = new Map<string, number>();
  private windowEnds: number;

  constructor(opts: { perMinute: number; maxClients?: number; now?: () => number; ipv6Prefix?: number }) {
    this.perMinute = opts.perMinute;
    this.ipv6Prefix = opts.ipv6Prefix ?? 56;
    this.maxClients = opts.maxClients ?? MAX_CLIENTS;
    this.now = opts.now ?? Date.now;
    this.windowEnds = this.now() + WINDOW_MS;
  }

  get size(): number {
    return this.counts.size;
  }

  hit(ip: string | undefined): Hit {
    const now = this.now();
    this.rotateIfDue(now);
    const client = createHmac('sha256', this.key).update(clientKey(ip, this.ipv6Prefix)).digest('base64url');
    const n = (this.counts.get(client) ?? 0) + 1;
    if (n === 1 && this.counts.size >= this.maxClients) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(client, n);
    if (n > this.perMinute) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((this.windowEnds - now) / 1000)) };
    return { ok: true };
  }

  /** Forgets the window's counts and key; also called by a timer so nothing lingers on a quiet intake. */
  rotateIfDue(now = this.now()): void {
    if (now < this.windowEnds) return;
    this.key = randomBytes(32);
    this.counts = new Map();
    this.windowEnds = now + WINDOW_MS;
  }
}

/** `refuse` builds the error of a client over its limit (the report routes' by default). */
export function rateLimit(
  perMinute: number,
  ipv6Prefix?: number,
  refuse: (retryAfterSeconds: number) => Error = (s) => new TooManyReportsError(s),
): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const limiter = new RateLimiter({ perMinute, ipv6Prefix });
  setInterval(() => limiter.rotateIfDue(), WINDOW_MS).unref();
  return (req, _res, next) => {
    const hit = limiter.hit(req.ip);
    next(hit.ok ? undefined : refuse(hit.retryAfterSeconds));
  };
}
