import { parseArgs } from 'node:util';
import { ValidationError } from '@hotline/platform';

const OPTIONS = {
  list: { type: 'string' },
  type: { type: 'string' },
  source: { type: 'string' },
  format: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  video: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  topic: { type: 'string' },
  all: { type: 'boolean' },
  name: { type: 'string' },
  role: { type: 'string' },
  platform: { type: 'string' },
  id: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Options = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    throw new ValidationError((err as Error).message);
  }
}
