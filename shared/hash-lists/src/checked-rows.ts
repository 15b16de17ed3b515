import { ValidationError } from '@hotline/platform';
import { isRowError, readRowBatches, type HashRow, type HashType, type ListFormat } from './parse-rows';

export type ImportPhase = 'read' | 'merging' | 'indexing';
export type Progress = (phase: ImportPhase, rows: number) => void;

export interface RowSource {
  type: HashType;
  file: string;
  format: ListFormat;
}

const MAX_REPORTED_ERRORS = 20;
const PROGRESS_EVERY = 100_000;

/**
 * One pass over a hash file that yields its valid rows while it reads. After the first malformed
 * line nothing more is yielded, but the pass reads on so that the refusal can name every bad line;
 * it ends by throwing, and the caller's transaction rolls back what was already written. So a file
 * is read once, yet nothing of a bad file is ever imported.
 */
export async function* checkedRows(src: RowSource, counter: { rows: number }, progress?: Progress): AsyncGenerator<HashRow[]> {
  const errors: string[] = [];
  let bad = 0;
  for await (const batch of readRowBatches(src.file, src.format, src.type)) {
    const good: HashRow[] = [];
    for (const r of batch) {
      if (isRowError(r)) {
        if (++bad <= MAX_REPORTED_ERRORS) errors.push(`line ${r.line}: ${r.error}`);
        continue;
      }
      good.push(r);
      if (++counter.rows % PROGRESS_EVERY === 0) progress?.('read', counter.rows);
    }
    if (bad === 0 && good.length > 0) yield good;
  }
  if (bad > 0) {
    const more = bad > MAX_REPORTED_ERRORS ? `; and ${bad - MAX_REPORTED_ERRORS} more` : '';
    throw new ValidationError(`The hash file has ${bad} malformed line(s), nothing was imported: ${errors.join('; ')}${more}`, errors);
  }
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_SPECIAL = /[\\\t\n\r]/;
const copyEscape = (v: string | null) => (v === null ? '\\N' : COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v);

/**
 * The checked rows as COPY text (`prefix`, hash as bytea hex, category, note, quality): one chunk
 * of lines per batch, one stream write per few thousand rows.
 */
export async function* copyChunks(batches: AsyncIterable<HashRow[]>, prefix: string): AsyncGenerator<string> {
  for await (const rows of batches) {
    let chunk = '';
    for (const r of rows) chunk += `${prefix}\\\\x${r.hash}\t${copyEscape(r.category)}\t${copyEscape(r.note)}\t${r.quality ?? '\\N'}\n`;
    yield chunk;
  }
}
