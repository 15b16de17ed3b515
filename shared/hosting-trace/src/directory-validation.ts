import { ValidationError } from '@hotline/platform';
import { canonicalCidr, isIpLiteral, normaliseIp } from './ip-match';

// One address, no display name and no line breaks: it goes into a mail header.
const EMAIL = /^[^\s@<>,;"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

export function email(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim();
  if (v.length > 254 || !EMAIL.test(v)) throw new ValidationError(`${field}: "${v}" is not an e-mail address (name@example.org)`);
  return v.toLowerCase();
}

export function country(value: string | null | undefined, field = 'country'): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(v)) throw new ValidationError(`${field}: "${value}" is not an ISO 3166 two-letter country code (NL, DE, …)`);
  return v;
}

export function language(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(v)) throw new ValidationError(`language: "${value}" is not an ISO 639-1 two-letter language code (nl, de, fr, en, …)`);
  return v;
}

export function asn(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/^AS/i, ''));
  if (!Number.isInteger(n) || n < 1 || n > 4294967295) throw new ValidationError(`asn: "${value}" is not an AS number (1 to 4294967295)`);
  return n;
}

export function network(value: string): string {
  const parsed = canonicalCidr(value);
  if (!parsed) throw new ValidationError(`network: "${value}" is not a CIDR network (192.0.2.0/24, 2001:db8::/32)`);
  if (parsed.hostBits) throw new ValidationError(`network: "${value}" has host bits set; the network is ${parsed.cidr}`);
  return parsed.cidr;
}

/** A host name, lower-case, without a trailing dot. `wildcard` admits `*.example.com` (its sub-domains). */
export function host(value: string, field = 'host', wildcard = false): string {
  let v = value.trim().toLowerCase().replace(/\.$/, '');
  const star = wildcard && v.startsWith('*.');
  if (star) v = v.slice(2);
  const labels = v.split('.');
  if (v.length > 253 || labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)) || isIpLiteral(v))
    throw new ValidationError(`${field}: "${value}" is not a host name${wildcard ? ' (example.com or *.example.com)' : ''}`);
  return star ? `*.${v}` : v;
}

/** A CDN rule's origin: a host name or an IP address. */
export function origin(value: string): string {
  const ip = normaliseIp(value.trim().replace(/^\[|\]$/g, ''));
  return ip ?? host(value, 'origin');
}

export function text(value: string | null | undefined, field: string, max = 2000): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  if (value.length > max) throw new ValidationError(`${field}: at most ${max} characters`);
  return value.trim();
}

export function required(value: string | null | undefined, field: string, max = 200): string {
  const v = text(value, field, max);
  if (!v) throw new ValidationError(`${field} is required`);
  return v;
}

export function id(value: string, field = 'id'): string {
  if (!/^[1-9][0-9]{0,17}$/.test(value)) throw new ValidationError(`${field}: "${value}" is not an id`);
  return value;
}
