import { ValidationError } from '@hotline/platform';
import { listQueue } from '@hotline/reports';
import type { Command } from './command';

export const queueCommand: Command = {
  name: 'queue',
  args: [],
  synopsis: 'queue [--limit N] [--json]',
  description: 'Print the open review items (content and unresolved URLs) in claim order, known material first.',
  usesDatabase: true,
  async run({ io, options, db }) {
    const limit = options.limit ? Number(options.limit) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('--limit must be 1–500');
    const queue = await listQueue(await db(), { limit, offset: 0 });
    if (options.json) {
      io.out(JSON.stringify(queue, null, 2));
      return;
    }
    io.out(`${queue.total} item(s) awaiting review${queue.total > queue.items.length ? `, first ${queue.items.length} shown` : ''}`);
    for (const [i, item] of queue.items.entries()) {
      const match = item.matches[0];
      const why =
        item.kind === 'url'
          ? `no image: ${item.reason ?? 'unknown reason'}`
          : match
            ? `${item.matches.length} match(es), best ${match.hashType} d=${match.distance} in ${match.listName}`
            : 'new content';
      const label = item.kind === 'url' ? 'URL  ' : item.knownMaterial ? 'KNOWN' : 'new  ';
      const status = item.status === 'pending' ? '' : ` [${item.status}]`;
      io.out(`${String(i + 1).padStart(3)}. ${label}${status} ${why} | report ${item.reportId} | ${item.url ?? `(${item.origin ?? 'no address'})`}`);
    }
  },
};
