import fs from 'node:fs';
import readline from 'node:readline';
import { HASH_TYPES, ValidationError, type HashType } from '@hotline/shared';

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
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
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
  if (format !== 'jsonl' && /^"?hash"?\s*[,\t]?/i.test(trimmed) && !/^[0-9a-f]/i.test(trimmed)) return null;
  const f = fields(trimmed, format);
  if (typeof f === 'string') return { line: lineNo, error: f };
  const hash = typeof f.hash === 'string' ? f.hash.trim().toLowerCase() : '';
  if (hash.length !== HEX_LENGTH[type] || !/^[0-9a-f]+$/.test(hash)) return { line: lineNo, error: `expected a ${type} hash of ${HEX_LENGTH[type]} hex digits` };
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

/** Streams a hash file's rows (and row errors) without holding the file in memory. */
export async function* readRows(file: string, format: ListFormat, type: HashType): AsyncGenerator<HashRow | RowError> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file, { encoding: 'utf8' });
  } catch (err) {
    throw new ValidationError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let lineNo = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    const row = parseRow(line, ++lineNo, format, type);
    if (row) yield row;
  }
}

export function isRowError(r: HashRow | RowError): r is RowError {
  return 'error' in r;
}
