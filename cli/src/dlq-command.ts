import { listDeadLetters, replayDeadLetters, ValidationError } from '@hotline/platform';
import type { Command } from './command';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `dlq list` and `dlq replay`: dead letters are seen and resent from the `dead_letters` table, whichever bus wrote them. */
export const dlqCommand: Command = {
  name: 'dlq',
  args: ['list|replay'],
  moreArgs: true,
  synopsis: 'dlq list [--topic TOPIC] [--all] [--limit N] [--json] | dlq replay (--all | ID…)',
  description: `Show dead-lettered events not yet replayed (--all: replayed ones too): id, topic, group, event id, reason;
the oldest --limit (default 100, at most 1000), saying when more exist.
replay sends them again through the outbox (every consumer group gets them; consumers are idempotent)
and marks them replayed.`,
  usesDatabase: true,
  async run({ io, options, args: [sub, ...ids], db }) {
    if (sub === 'list') {
      if (ids.length > 0) throw new ValidationError('dlq list takes no further arguments');
      const limit = options.limit === undefined ? DEFAULT_LIMIT : Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ValidationError(`--limit must be 1–${MAX_LIMIT}`);
      // One more than asked tells whether more exist without counting a table that can be large.
      const found = await listDeadLetters(await db(), { topic: options.topic, includeReplayed: options.all ?? false, limit: limit + 1 });
      const more = found.length > limit;
      const rows = found.slice(0, limit);
      const moreNote = `more exist (raise --limit, at most ${MAX_LIMIT}, or narrow with --topic)`;
      if (options.json) {
        io.out(JSON.stringify(rows, null, 2));
        if (more) io.err(`showing the first ${limit}; ${moreNote}`);
        return;
      }
      io.out(`${more ? 'first ' : ''}${rows.length} dead letter(s)${options.all ? '' : ' awaiting replay'}${more ? `; ${moreNote}` : ''}`);
      for (const r of rows) {
        io.out(
          `${r.id}\t${r.createdAt}\t${r.topic}\t${r.group ?? '(publish)'}\t${r.eventId ?? '-'}\t${r.replayedAt ? `replayed ${r.replayedAt}` : 'open'}\t${r.reason}`,
        );
      }
      return;
    }
    if (sub === 'replay') {
      if ((options.all ?? false) === ids.length > 0) throw new ValidationError('dlq replay needs either --all or dead-letter ids');
      const result = await replayDeadLetters(await db(), options.all ? { all: true } : { ids });
      io.out(`replayed ${result.replayed} dead letter(s): ${result.enqueued} event(s) back in the outbox`);
      for (const s of result.skipped) io.err(`skipped ${s.id}: ${s.reason}`);
      return;
    }
    throw new ValidationError('dlq needs list or replay');
  },
};
