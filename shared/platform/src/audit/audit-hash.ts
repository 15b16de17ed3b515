import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';

/** What one audit row's hash covers; `at` as a Date (written) or the canonical text read back from SQL. */
export interface AuditRowContent {
  seq: number;
  at: Date | string;
  actor: string;
  action: string;
  subject: string;
  details: unknown;
  prevHash: Uint8Array | null;
}

// A new encoding gets a new tag, so rows hashed under different rules can never be confused.
const ENCODING_TAG = 'hotline-audit-v1';

/**
 * SHA-256 over a canonical encoding: every field length-prefixed (4 bytes, big-endian), so no
 * choice of field contents can shift bytes from one field into another; details as JSON with keys
 * sorted at every level (jsonb does not keep key order, so the written object and the one read
 * back encode the same); `at` in microseconds, PostgreSQL's precision.
 */
export function auditRowHash(row: AuditRowContent): Buffer {
  const h = createHash('sha256');
  const field = (bytes: Uint8Array) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    h.update(len);
    h.update(bytes);
  };
  for (const text of [ENCODING_TAG, String(row.seq), canonicalTime(row.at), row.actor, row.action, row.subject, canonicalJson(row.details)]) {
    field(Buffer.from(text, 'utf8'));
  }
  field(row.prevHash ?? new Uint8Array(0));
  return h.digest();
}

/** `2026-11-30T04:22:58.123000Z`: what the verifier's `to_char(… 'US')` yields for the same instant. */
export function canonicalTime(at: Date | string): string {
  if (typeof at === 'string') return at;
  return at.toISOString().replace(/Z$/, '000Z');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  throw new ValidationError(`audit details hold a value JSON cannot carry (${typeof value})`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The details as jsonb will give them back: a JSON round trip (Dates become strings, undefined
 * goes), and refused where jsonb would reject them (U+0000, a lone surrogate half), so the hash
 * written is the hash read.
 */
export function normaliseDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) throw new ValidationError('audit details must be an object');
  const clean = JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  const check = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('\u0000') || LONE_SURROGATE.test(v))
        throw new ValidationError('audit details hold a NUL character or a lone surrogate, which PostgreSQL cannot store');
    } else if (Array.isArray(v)) v.forEach(check);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        check(k);
        check(x);
      }
    }
  };
  check(clean);
  return clean;
}
