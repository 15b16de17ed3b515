import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { describeError } from '../errors';
import type { EventType } from '../events/envelope';
import type { Metrics } from '../metrics/metrics';
import type { Bus, Handler, OutgoingMessage, PublishOptions, PublishOutcome, SubscribeOptions } from './bus';
import { recordDeadLetter } from './dead-letters';
import { deliver } from './deliver';
import { Semaphore } from './semaphore';

interface Group {
  deliverOne(raw: unknown, key: string, signal: AbortSignal | undefined): Promise<void>;
}

export interface DeadLetter {
  topic: string;
  group: string;
  reason: string;
  value: unknown;
}

export interface InProcessBusOptions {
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  /** Where dead letters are recorded (`dead_letters`); without it (unit tests) they stay in `deadLetters`. */
  db?: Db;
}

class NotStartedError extends Error {}

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
  private metrics: Metrics | undefined;

  constructor(private readonly opts: InProcessBusOptions) {}

  async ready(): Promise<boolean> {
    return !this.closing;
  }

  observe(metrics: Metrics): void {
    this.metrics = metrics;
  }

  async publish(topic: string, messages: OutgoingMessage[], opts: PublishOptions = {}): Promise<PublishOutcome[]> {
    const groups = [...(this.topics.get(topic)?.values() ?? [])];
    return Promise.all(
      messages.map(async (m): Promise<PublishOutcome> => {
        // A JSON round trip, like the wire: handlers never share object references with the publisher.
        const settled = await Promise.allSettled(groups.map((g) => g.deliverOne(JSON.parse(JSON.stringify(m.envelope)), m.key, opts.signal)));
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (!failed) return { ok: true };
        const reason = failed.reason instanceof NotStartedError ? 'publisher stopping; not handed to a handler' : describeError(failed.reason);
        return { ok: false, reason, permanent: false };
      }),
    );
  }

  async subscribe<T>(type: EventType<T>, opts: SubscribeOptions, handler: Handler<T>): Promise<void> {
    const groups = this.topics.get(type.name) ?? new Map<string, Group>();
    this.topics.set(type.name, groups);
    if (groups.has(opts.group)) throw new Error(`group ${opts.group} already subscribed to ${type.name} in this process`);
    const semaphore = new Semaphore(opts.concurrency ?? 1);
    const logger = this.opts.logger.child({ group: opts.group });
    groups.set(opts.group, {
      deliverOne: (raw, key, signal) =>
        semaphore.run(async () => {
          if (signal?.aborted) throw new NotStartedError();
          await deliver(type, raw, handler, {
            topic: type.name,
            group: opts.group,
            metrics: this.metrics,
            logger,
            maxAttempts: this.opts.maxAttempts,
            retryBaseMs: this.opts.retryBaseMs,
            heartbeat: async () => {},
            isClosing: () => this.closing,
            deadLetter: async (reason) => {
              if (this.opts.db) await recordDeadLetter(this.opts.db, { topic: type.name, group: opts.group, reason, message: raw, key });
              else this.deadLetters.push({ topic: type.name, group: opts.group, reason, value: raw });
            },
          });
        }),
    });
  }

  async close(): Promise<void> {
    this.closing = true;
  }
}
