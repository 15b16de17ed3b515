import type { Logger } from 'pino';
import type { EventType } from '../events/envelope';
import type { Bus, Handler, OutgoingMessage, SubscribeOptions } from './bus';
import { deliver } from './deliver';
import { Semaphore } from './semaphore';

interface Group {
  deliverOne(raw: unknown): Promise<void>;
}

export interface DeadLetter {
  topic: string;
  group: string;
  reason: string;
  value: unknown;
}

/**
 * The embedded bus. `publish` resolves after every subscribed group has handled (or dead-lettered)
 * the message. The outbox relay deletes a row only then, so a crash mid-pipeline leaves the row in
 * the outbox and it is delivered again on restart: the same at-least-once contract as Kafka, with
 * durability borrowed from the database instead of a log.
 */
export class InProcessBus implements Bus {
  readonly kind = 'in-process' as const;
  readonly deadLetters: DeadLetter[] = [];
  private readonly topics = new Map<string, Map<string, Group>>();
  private closing = false;

  constructor(private readonly opts: { logger: Logger; maxAttempts: number; retryBaseMs: number }) {}

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const groups = [...(this.topics.get(topic)?.values() ?? [])];
    // A JSON round trip, like the wire: handlers never share object references with the publisher.
    await Promise.all(messages.flatMap((m) => groups.map((g) => g.deliverOne(JSON.parse(JSON.stringify(m.envelope))))));
  }

  async subscribe<T>(type: EventType<T>, opts: SubscribeOptions, handler: Handler<T>): Promise<void> {
    const groups = this.topics.get(type.name) ?? new Map<string, Group>();
    this.topics.set(type.name, groups);
    if (groups.has(opts.group)) throw new Error(`group ${opts.group} already subscribed to ${type.name} in this process`);
    const semaphore = new Semaphore(opts.concurrency ?? 1);
    const logger = this.opts.logger.child({ group: opts.group });
    groups.set(opts.group, {
      deliverOne: (raw) =>
        semaphore.run(() =>
          deliver(type, raw, handler, {
            topic: type.name,
            logger,
            maxAttempts: this.opts.maxAttempts,
            retryBaseMs: this.opts.retryBaseMs,
            heartbeat: async () => {},
            isClosing: () => this.closing,
            deadLetter: async (reason) => {
              this.deadLetters.push({ topic: type.name, group: opts.group, reason, value: raw });
            },
          }),
        ),
    });
  }

  async close(): Promise<void> {
    this.closing = true;
  }
}
