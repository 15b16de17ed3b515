import { Kafka, logLevel, type Consumer, type Producer, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import type { EventType } from '../events/envelope';
import type { Bus, Handler, OutgoingMessage, SubscribeOptions } from './bus';
import { deliver } from './deliver';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  sessionTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  logger: Logger;
}

/**
 * Kafka behind the bus seam (kafkajs). Topics are created on first use with the configured partition
 * count; consumers commit an offset only after the handler finished or dead-lettered the event, so a
 * crash means redelivery, never loss. Dead letters go to `<topic>.dlq` with the reason in a header.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private producer: Producer | undefined;
  private readonly consumers: Consumer[] = [];
  private readonly knownTopics = new Set<string>();
  private closing = false;

  constructor(private readonly opts: KafkaBusOptions) {
    const log = opts.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      logLevel: logLevel.WARN,
      retry: { retries: 8, initialRetryTime: 300 },
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        const fields = { namespace: entry.namespace, ...extra };
        if (entry.level <= logLevel.ERROR) log.error(fields, message);
        else log.warn(fields, message);
      },
    });
    this.admin = this.kafka.admin();
  }

  topicName(name: string): string {
    return this.opts.topicPrefix + name;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const full = this.topicName(topic);
    await this.ensureTopics([full]);
    const producer = await this.getProducer();
    await producer.send({
      topic: full,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.envelope) })),
    });
  }

  async subscribe<T>(type: EventType<T>, opts: SubscribeOptions, handler: Handler<T>): Promise<void> {
    const topic = this.topicName(type.name);
    await this.ensureTopics([topic, `${topic}.dlq`]);
    const consumer = this.kafka.consumer({
      groupId: this.opts.topicPrefix + opts.group,
      sessionTimeout: this.opts.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(this.opts.sessionTimeoutMs / 10)),
      allowAutoTopicCreation: false,
      // New messages still arrive at once (minBytes 1); this bounds how long a disconnect waits.
      maxWaitTimeInMs: 1000,
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const logger = this.opts.logger.child({ group: opts.group });
    await consumer.run({
      partitionsConsumedConcurrently: opts.concurrency ?? 1,
      eachMessage: async ({ message, heartbeat }) => {
        let raw: unknown;
        try {
          raw = JSON.parse(message.value?.toString('utf8') ?? 'null');
        } catch {
          raw = { unparsable: message.value?.toString('base64') };
        }
        await deliver(type, raw, handler, {
          topic: type.name,
          logger,
          maxAttempts: this.opts.maxAttempts,
          retryBaseMs: this.opts.retryBaseMs,
          heartbeat,
          isClosing: () => this.closing,
          deadLetter: async (reason) => {
            const producer = await this.getProducer();
            await producer.send({
              topic: `${topic}.dlq`,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers: { 'x-dead-letter-reason': reason, 'x-consumer-group': opts.group } }],
            });
          },
        });
      },
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    await Promise.allSettled([this.producer?.disconnect(), this.admin.disconnect()]);
  }

  private async getProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer;
      await producer.connect();
    }
    return this.producer;
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    await this.admin.connect();
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      // waitForLeaders so the first send does not race the new partitions' leader election.
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({ topic, numPartitions: this.opts.partitions, replicationFactor: 1 })),
      });
    }
    missing.forEach((t) => this.knownTopics.add(t));
  }
}
