import { parseArgs } from 'node:util';
import { listDeadLetters, replayDeadLetters, ValidationError, type Db } from '@hotline/shared';

export interface DlqIo {
  out(line: string): void;
  err(line: string): void;
}

export const DLQ_USAGE = `  dlq list [--topic TOPIC] [--all] [--json]
      Show dead-lettered events not yet replayed (--all: replayed ones too): id, topic, group, event id, reason.
  dlq replay --all | dlq replay ID…
      Send dead-lettered events again through the outbox (every consumer group gets them; consumers are idempotent).`;

/** `hotline dlq …`; parses its own arguments so it stays independent of the other commands' options. */
export async function dlqCommand(db: Db, io: DlqIo, argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { topic: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } } });
  } catch (err) {
    throw new ValidationError(`${(err as Error).message}\n\nusage:\n${DLQ_USAGE}`);
  }
  const { values, positionals } = parsed;
  const [sub, ...ids] = positionals;
  if (sub === 'list') {
    if (ids.length > 0) throw new ValidationError(`dlq list takes no arguments\n\nusage:\n${DLQ_USAGE}`);
    const rows = await listDeadLetters(db, { topic: values.topic, includeReplayed: values.all ?? false });
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2));
      return;
    }
    io.out(`${rows.length} dead letter(s)${values.all ? '' : ' awaiting replay'}`);
    for (const r of rows) {
      io.out(`${r.id}\t${r.createdAt}\t${r.topic}\t${r.group ?? '(publish)'}\t${r.eventId ?? '-'}\t${r.replayedAt ? `replayed ${r.replayedAt}` : 'open'}\t${r.reason}`);
    }
    return;
  }
  if (sub === 'replay') {
    if ((values.all ?? false) === (ids.length > 0)) throw new ValidationError(`dlq replay needs either --all or dead-letter ids\n\nusage:\n${DLQ_USAGE}`);
    const result = await replayDeadLetters(db, values.all ? { all: true } : { ids });
    io.out(`replayed ${result.replayed} dead letter(s): ${result.enqueued} event(s) back in the outbox`);
    for (const s of result.skipped) io.err(`skipped ${s.id}: ${s.reason}`);
    return;
  }
  throw new ValidationError(`dlq needs list or replay\n\nusage:\n${DLQ_USAGE}`);
}
