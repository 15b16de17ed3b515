import { listLists, listVideoLists } from '@hotline/hash-lists';
import type { Command } from './command';

export const listsCommand: Command = {
  name: 'lists',
  args: [],
  synopsis: 'lists',
  description: 'Show every list with its source, type and size; video lists (type video) with their videos and frames.',
  usesDatabase: true,
  async run({ io, db }) {
    const conn = await db();
    for (const l of await listLists(conn)) {
      io.out(`${l.name}\t${l.source}\t${l.hashType}\t${l.enabled ? 'enabled' : 'DISABLED'}\t${l.hashes} hashes (${l.disabledHashes} disabled)`);
    }
    for (const l of await listVideoLists(conn)) {
      io.out(`${l.name}\t${l.source}\tvideo\t${l.enabled ? 'enabled' : 'DISABLED'}\t${l.videos} videos (${l.frames} frames)`);
    }
  },
};
