import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@hotline/platform';
import { importList, type HashType, type ImportResult } from '@hotline/hash-lists';

/** Writes a TSV hash file and imports it the way the CLI does. */
export async function importRows(
  db: Db,
  opts: { list: string; type: HashType; source?: string; rows: Array<{ hash: string; category?: string; note?: string; quality?: number }> },
): Promise<ImportResult> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-list-')), 'list.tsv');
  fs.writeFileSync(file, opts.rows.map((r) => [r.hash, r.category ?? '', r.note ?? '', r.quality ?? ''].join('\t')).join('\n') + '\n');
  try {
    return await importList(db, { list: opts.list, type: opts.type, source: opts.source, file, format: 'tsv' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
