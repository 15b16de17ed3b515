import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@hotline/platform';

// A web reporter's one-time pick-up code: shown once on the confirmation page, stored only as a
// salted hash, deleted when the report is anonymised or deleted (retention).

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 20 symbols of 5 bits: 100 bits of entropy, shown as five groups of four. */
const CODE_SYMBOLS = 20;
const GROUP = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface NewPickupCode {
  /** For the reporter's eyes only: `7K3M-…`, never stored, logged or sent on the bus. */
  code: string;
  salt: Buffer;
  hash: Buffer;
}

export function newPickupCode(): NewPickupCode {
  const bytes = randomBytes(CODE_SYMBOLS);
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  const symbols = [...bytes].map((b) => ALPHABET[b % 32]!).join('');
  const code = symbols.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
  const salt = randomBytes(16);
  return { code, salt, hash: hashCode(salt, symbols) };
}

/**
 * What a reporter typed, as the symbols that were hashed: case, spaces and dashes ignored, and the
 * letters Crockford's alphabet leaves out read as the digits they look like. Null when it cannot be a code.
 */
export function normalisePickupCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_SYMBOLS || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

/**
 * One SHA-256 over a per-row salt and the code. A slow password hash (argon2id) buys nothing here: it
 * protects low-entropy secrets people choose, while this code carries 100 random bits, so even with
 * the table stolen nobody can search the code space; the salt keeps equal codes from having equal
 * hashes and rules out precomputed tables. Online guessing is bounded by the intake's rate limit.
 */
function hashCode(salt: Buffer, symbols: string): Buffer {
  return createHash('sha256').update(salt).update(symbols, 'utf8').digest();
}

export async function insertPickupCode(tx: Queryable, reportId: string, code: NewPickupCode): Promise<void> {
  await tx.query('INSERT INTO report_pickup_codes (report_id, salt, code_hash) VALUES ($1, $2, $3)', [reportId, code.salt, code.hash]);
}

// Hashed when the reference is unknown, so that answer takes as long as a wrong code's.
const DUMMY_SALT = randomBytes(16);

/** True only when the report exists, still has its code, and `code` is it. Every other case is false, alike. */
export async function pickupCodeMatches(db: Queryable, reference: unknown, code: unknown): Promise<boolean> {
  const symbols = normalisePickupCode(code);
  const reportId = typeof reference === 'string' ? reference.trim().toLowerCase() : '';
  const row = symbols && UUID.test(reportId) ? await findPickupCode(db, reportId) : undefined;
  const expected = row?.hash ?? hashCode(DUMMY_SALT, 'unknown');
  const actual = hashCode(row?.salt ?? DUMMY_SALT, symbols ?? '');
  return row !== undefined && timingSafeEqual(expected, actual);
}

async function findPickupCode(db: Queryable, reportId: string): Promise<{ salt: Buffer; hash: Buffer } | undefined> {
  const r = await db.query<{ salt: Uint8Array; code_hash: Uint8Array }>('SELECT salt, code_hash FROM report_pickup_codes WHERE report_id = $1', [reportId]);
  const x = r.rows[0];
  return x ? { salt: Buffer.from(x.salt), hash: Buffer.from(x.code_hash) } : undefined;
}

/** What a reporter may learn about their report, in general terms. */
export type PublicStatus = 'received' | 'being_assessed' | 'assessed';

/**
 * `assessed` once the report is closed (every item decided), `being_assessed` once any of it reached
 * the analysts' queue, `received` before. Nothing about what was found.
 */
export async function publicReportStatus(db: Queryable, reportId: string): Promise<PublicStatus | null> {
  const r = await db.query<{ closed: boolean; queued: boolean }>(
    `SELECT p.closed_at IS NOT NULL AS closed, EXISTS (SELECT 1 FROM review_sources s WHERE s.report_id = p.id) AS queued
       FROM reports p WHERE p.id = $1`,
    [reportId],
  );
  const x = r.rows[0];
  if (!x) return null;
  return x.closed ? 'assessed' : x.queued ? 'being_assessed' : 'received';
}
