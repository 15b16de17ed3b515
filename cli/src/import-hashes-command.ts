import { ValidationError } from '@hotline/platform';
import { detectFormat, HASH_TYPES, importList, type HashType, type ImportPhase } from '@hotline/hash-lists';
import type { Command } from './command';

const PROGRESS: Record<ImportPhase, (rows: string) => string> = {
  read: (n) => `read ${n} rows`,
  merging: (n) => `read all ${n} rows; adding the new ones to the list`,
  indexing: (n) => `loaded ${n} rows; rebuilding the unique index`,
};

export const importHashesCommand: Command = {
  name: 'import-hashes',
  args: ['FILE'],
  synopsis: 'import-hashes --list NAME --type md5|sha1|sha256|blockhash|pdq [--source SOURCE] [--format tsv|csv|jsonl] FILE',
  description: `Import known hashes into a list (one hash type per list). Columns: hash, category, note, quality
(TSV/CSV; a plain file of one hash per line is TSV), or JSON lines {"hash", "category", "note", "quality"}.
Re-importing a file changes nothing; a malformed file is refused whole, with line numbers.`,
  usesDatabase: true,
  async run({ io, options, args: [file], db }) {
    if (!options.list) throw new ValidationError('--list NAME is required');
    if (!HASH_TYPES.includes(options.type as HashType)) throw new ValidationError(`--type must be one of ${HASH_TYPES.join(', ')}`);
    const started = Date.now();
    const result = await importList(
      await db(),
      { list: options.list, source: options.source, type: options.type as HashType, file: file!, format: detectFormat(file!, options.format) },
      (phase, rows) => io.err(PROGRESS[phase](rows.toLocaleString('en'))),
    );
    io.out(`list ${result.list}: ${result.added} new of ${result.rows} hashes in the file (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  },
};
