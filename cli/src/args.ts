import { parseArgs } from 'node:util';
import { ValidationError } from '@hotline/shared';
import { DLQ_USAGE } from './dlq-command';

export const USAGE = `usage: npm run hotline -- <command>

commands:
  import-hashes --list NAME --type md5|sha1|sha256|blockhash|pdq [--source SOURCE] [--format tsv|csv|jsonl] FILE
      Import known hashes into a list (one hash type per list). Columns: hash, category, note, quality
      (TSV/CSV; a plain file of one hash per line is TSV), or JSON lines {"hash", "category", "note", "quality"}.
      Re-importing a file changes nothing; a malformed file is refused whole, with line numbers.
  disable-hash --list NAME HASH / enable-hash --list NAME HASH
      Stop (or resume) matching one hash, e.g. a false positive.
  disable-list --list NAME / enable-list --list NAME
  lists
      Show every list with its source, type and size.
  hash-file FILE
      Print every hash of an image as JSON (the same hashes the pipeline computes).
  queue [--limit N] [--json]
      Print the review queue, known-material matches first.
${DLQ_USAGE}

The database is DATABASE_URL, or the embedded one under DATA_DIR (stop \`npm start\` first).`;

export function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        list: { type: 'string' },
        type: { type: 'string' },
        source: { type: 'string' },
        format: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new ValidationError(`${(err as Error).message}\n\n${USAGE}`);
  }
}
