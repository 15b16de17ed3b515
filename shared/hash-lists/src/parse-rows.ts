import fs from 'node:fs';
import { HASH_TYPES, ValidationError, type HashType } from '@hotline/platform';

export { HASH_TYPES, type HashType };
export const HEX_LENGTH: Record<HashType, number> = { md5: 32, sha1: 40, sha256: 64, blockhash: 64, pdq: 64 };
export type ListFormat = 'tsv' | 'csv' | 'jsonl';
export const LIST_FORMATS: readonly ListFormat[] = ['tsv', 'csv', 'jsonl'];

export interface HashRow {
  line: number;
  hash: string;
  category: string | null;
  note: string | null;
  quality: number | null;
}

export interface RowError {
  line: number;
  error: string;
}

/** `.csv` → csv, `.jsonl`/`.ndjson` → jsonl, anything else (`.tsv`, `.txt`, one hash per line) → tsv. */
export function detectFormat(file: string, explicit?: string): ListFormat {
  if (explicit) {
    if (!LIST_FORMATS.includes(explicit as ListFormat)) throw new ValidationError(`--format must be one of ${LIST_FORMATS.join(', ')}`);
    return explicit as ListFormat;
  }
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  return 'tsv';
}

/** RFC 4180 fields: commas separate, double quotes enclose, "" is a quote. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function fields(line: string, format: ListFormat): { hash: unknown; category?: unknown; note?: unknown; quality?: unknown } | string {
  if (format === 'jsonl') {
    try {
      const o = JSON.parse(line) as unknown;
      if (!o || typeof o !== 'object' || Array.isArray(o)) return 'expected a JSON object with a "hash" field';
      return o as { hash: unknown };
    } catch {
      return 'not valid JSON';
    }
  }
  const [hash, category, note, quality] = format === 'csv' ? splitCsv(line) : line.split('\t');
  return { hash, category, note, quality };
}

const text = (v: unknown, max: number): string | null | undefined => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length === 0 ? null : t.length > max ? undefined : t;
};

/**
 * Validates one line of a hash file. Columns (tsv/csv): hash, category, note, quality; jsonl objects
 * have the same names. Blank lines, `#` comments and a header line starting with `hash` are skipped.
 */
export function parseRow(line: string, lineNo: number, format: ListFormat, type: HashType): HashRow | RowError | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  const c0 = trimmed.charCodeAt(0) | 0x20; // lowercased first letter: the header test runs on "h…" and '"…' lines only
  if (format !== 'jsonl' && (c0 === 0x68 || c0 === 0x22) && /^"?hash"?\s*[,\t]?/i.test(trimmed) && !/^[0-9a-f]/i.test(trimmed)) return null;
  const f = fields(trimmed, format);
  if (typeof f === 'string') return { line: lineNo, error: f };
  const hash = typeof f.hash === 'string' ? f.hash.trim().toLowerCase() : '';
  if (hash.length !== HEX_LENGTH[type] || !/^[0-9a-f]+$/.test(hash))
    return { line: lineNo, error: `expected a ${type} hash of ${HEX_LENGTH[type]} hex digits` };
  const category = text(f.category, 100);
  if (category === undefined) return { line: lineNo, error: 'category must be text of at most 100 characters' };
  const note = text(f.note, 1000);
  if (note === undefined) return { line: lineNo, error: 'note must be text of at most 1000 characters' };
  let quality: number | null = null;
  if (f.quality !== undefined && f.quality !== null && f.quality !== '') {
    quality = Number(f.quality);
    if (!Number.isInteger(quality) || quality < 0 || quality > 100) return { line: lineNo, error: 'quality must be a whole number 0–100' };
  }
  return { line: lineNo, hash, category, note, quality };
}

/** Byte classes for the fast path: 1 = lowercase hex digit, 2 = uppercase hex digit, 0 = other. */
const HEX_CLASS = (() => {
  const t = new Uint8Array(256);
  for (const c of '0123456789abcdef') t[c.charCodeAt(0)] = 1;
  for (const c of 'ABCDEF') t[c.charCodeAt(0)] = 2;
  return t;
})();

/** End of a plain field from `i`: printable ASCII, no quote, no outer spaces, ≤ max; -1 otherwise. */
function plainFieldEnd(buf: Buffer, i: number, end: number, sep: number, max: number): number {
  let k = i;
  for (; k < end && buf[k] !== sep; k++) {
    const c = buf[k]!;
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
  }
  if (k - i > max || (k > i && (buf[i] === 0x20 || buf[k - 1] === 0x20))) return -1;
  return k;
}

/**
 * The common line (hex hash, then plain ASCII category, note and quality) read straight from the
 * bytes. Returns undefined for anything else (header, comment, quotes, non-ASCII, spaces, bad
 * values), which then goes through parseRow; a property test holds the two to the same answers.
 */
function fastRow(buf: Buffer, start: number, end: number, sep: number, hexLength: number, line: number): HashRow | undefined {
  const hashEnd = start + hexLength;
  if (hashEnd > end) return undefined;
  let upper = false;
  for (let i = start; i < hashEnd; i++) {
    const k = HEX_CLASS[buf[i]!]!;
    if (k === 0) return undefined;
    if (k === 2) upper = true;
  }
  if (hashEnd < end && buf[hashEnd] !== sep) return undefined;
  const hash = upper ? buf.toString('latin1', start, hashEnd).toLowerCase() : buf.toString('latin1', start, hashEnd);
  const row: HashRow = { line, hash, category: null, note: null, quality: null };
  let i = hashEnd + 1;
  if (i > end) return row;
  let k = plainFieldEnd(buf, i, end, sep, 100);
  if (k < 0) return undefined;
  if (k > i) row.category = buf.toString('latin1', i, k);
  if ((i = k + 1) > end) return row;
  if ((k = plainFieldEnd(buf, i, end, sep, 1000)) < 0) return undefined;
  if (k > i) row.note = buf.toString('latin1', i, k);
  if ((i = k + 1) > end) return row;
  if (end - i > 3) return undefined;
  let q = 0;
  for (k = i; k < end; k++) {
    const d = buf[k]! - 0x30;
    if (d < 0 || d > 9) return undefined; // also a fifth field: parseRow decides
    q = q * 10 + d;
  }
  if (end > i) {
    if (q > 100) return undefined;
    row.quality = q;
  }
  return row;
}

/** One line of a hash file given as bytes [start, end) without its newline. */
export function parseLineBytes(buf: Buffer, start: number, end: number, line: number, format: ListFormat, type: HashType): HashRow | RowError | null {
  if (end > start && buf[end - 1] === 0x0d) end--; // CRLF files
  if (format !== 'jsonl') {
    const fast = fastRow(buf, start, end, format === 'csv' ? 0x2c : 0x09, HEX_LENGTH[type], line);
    if (fast) return fast;
  }
  return parseRow(buf.toString('utf8', start, end), line, format, type);
}

/**
 * Streams a hash file's rows (and row errors) in batches, one per chunk read, without holding the
 * file in memory. Lines are found and mostly parsed in the bytes; one await per batch, not per
 * row: at 10 million rows per-row string splitting and async generators cost more than
 * PostgreSQL's whole COPY.
 */
export async function* readRowBatches(file: string, format: ListFormat, type: HashType): AsyncGenerator<Array<HashRow | RowError>> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  } catch (err) {
    throw new ValidationError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let lineNo = 0;
  let rest: Buffer | null = null;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    const batch: Array<HashRow | RowError> = [];
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      const row = parseLineBytes(buf, start, nl, ++lineNo, format, type);
      if (row) batch.push(row);
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : null;
    if (batch.length > 0) yield batch;
  }
  const last = rest && parseLineBytes(rest, 0, rest.length, lineNo + 1, format, type);
  if (last) yield [last];
}

export function isRowError(r: HashRow | RowError): r is RowError {
  return 'error' in r;
}
