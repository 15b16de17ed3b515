import { parseArgs } from 'node:util';
import { ValidationError } from '@hotline/shared';

export const USAGE = `usage: npm run hotline -- <command>

commands:
  import-hashes --list NAME --type sha256|sha1|md5|blockhash [--source SOURCE] FILE
      Import known hashes: one hex hash per line, optionally TAB category TAB note.
      Re-importing a file changes nothing; a malformed file is refused whole, with line numbers.
  hash-file FILE
      Print every hash of an image as JSON (the same hashes the pipeline computes).
  queue [--limit N] [--json]
      Print the review queue, known-material matches first.

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
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new ValidationError(`${(err as Error).message}\n\n${USAGE}`);
  }
}
