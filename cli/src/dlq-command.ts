import { listDeadLetters, replayDeadLetters, ValidationError } from '@hotline/platform';
import type { Command } from './command';

/** `dlq list` and `dlq replay`: dead letters are seen and resent from the `dead_letters` table, whichever bus wrote them. */
export const dlqCommand: Command = {
  name: 'dlq',
  args: ['list|replay'],
  moreArgs: true,
  synopsis: 'dlq list [--topic TOPIC] [--all] [--json] | dlq replay (--all | ID…)',
  description: `Show dead-lettered events not yet replayed (--all: replayed ones too): id, topic, group, event id, reason.
replay sends them again through the outbox (every consumer group gets them; consumers are idempotent)
and marks them replayed.`,
  usesDatabase: true,
  async run({ io, options, args: [sub, ...ids], db }) {
    if (sub === 'list') {
      if (ids.length > 0) throw new ValidationError('dlq list takes no further arguments');
      const rows = await listDeadLetters(await db(), { topic: options.topic, includeReplayed: options.all ?? false });
      if (options.json) {
        io.out(JSON.stringify(rows, null, 2));
        return;
      }
      io.out(`${rows.length} dead letter(s)${options.all ? '' : ' awaiting replay'}`);
      for (const r of rows) {
        io.out(`${r.id}\t${r.createdAt}\t${r.topic}\t${r.group ?? '(publish)'}\t${r.eventId ?? '-'}\t${r.replayedAt ? `replayed ${r.replayedAt}` : 'open'}\t${r.reason}`);
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
