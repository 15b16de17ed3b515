import { listLists } from '@hotline/hash-lists';
import type { Command } from './command';

export const listsCommand: Command = {
  name: 'lists',
  args: [],
  synopsis: 'lists',
  description: 'Show every list with its source, type and size.',
  usesDatabase: true,
  async run({ io, db }) {
    for (const l of await listLists(await db())) {
      io.out(`${l.name}\t${l.source}\t${l.hashType}\t${l.enabled ? 'enabled' : 'DISABLED'}\t${l.hashes} hashes (${l.disabledHashes} disabled)`);
    }
  },
};
