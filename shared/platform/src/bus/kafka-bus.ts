import { ConfigResourceTypes, Kafka, logLevel, type Admin, type Consumer, type LogEntry, type Message, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { describeError } from '../errors';
import type { EventType } from '../events/envelope';
import type { Metrics } from '../metrics/metrics';
import { withTimeout } from '../with-timeout';
import type { Bus, Handler, OutgoingMessage, PublishOutcome, SubscribeOptions } from './bus';
import { recordDeadLetter } from './dead-letters';
import { deliver } from './deliver';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  /** Of topics this bus creates; production: 3 with minInsyncReplicas 2 (acks=all then survives one broker loss). */
  replicationFactor?: number;
  minInsyncReplicas?: number;
  sessionTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  logger: Logger;
  /** Where dead letters are recorded besides `<topic>.dlq`; required outside unit tests. */
  db?: Db;
}

/** Broker error types that no retry can fix: the message itself is refused. */
const REFUSED_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_REQUIRED_ACKS']);
/** Record and batch headers around key and value, generously (Kafka's own overhead is ~70 bytes). */
const RECORD_OVERHEAD_BYTES = 512;

/**
 * Kafka behind the bus seam (kafkajs). Topics are created on first use with the configured partition
 * count, replication factor and min.insync.replicas; the producer is idempotent and waits for every
 * in-sync replica (acks=all). Consumers commit an offset only after the handler finished or
 * dead-lettered the event, so a crash means redelivery, never loss. Dead letters go to `<topic>.dlq`
 * with the reason in a header and to the `dead_letters` table.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly probeAdmin: Admin;
  private readyCheck: Promise<void> | undefined;
  private producer: Promise<Producer> | undefined;
  private readonly consumers: Consumer[] = [];
  private readonly knownTopics = new Set<string>();
  private readonly maxMessageBytes = new Map<string, number>();
  private closing = false;
  private metrics: Metrics | undefined;

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
    this.probeAdmin = this.kafka.admin({ retry: { retries: 0 } });
  }

  /**
   * The broker answers a metadata request (describeCluster) in time. Its own admin client tries once
   * (no kafkajs retries), and concurrent probes share one check, so probes during an outage do not
   * pile up connection attempts.
   */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.closing) return false;
    this.readyCheck ??= this.probeAdmin
      .connect()
      .then(() => this.probeAdmin.describeCluster())
      .then(() => undefined)
      .finally(() => (this.readyCheck = undefined));
    try {
      await withTimeout(this.readyCheck, timeoutMs, 'Kafka readiness check');
      return true;
    } catch {
      return false;
    }
  }

  observe(metrics: Metrics): void {
    this.metrics = metrics;
  }

  topicName(name: string): string {
    return this.opts.topicPrefix + name;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<PublishOutcome[]> {
    if (messages.length === 0) return [];
    const full = this.topicName(topic);
    try {
      await this.ensureTopics([full]);
    } catch (err) {
      return messages.map(() => ({ ok: false, reason: describeError(err), permanent: false }));
    }
    const limit = this.maxMessageBytes.get(full) ?? Infinity;
    const outcomes: PublishOutcome[] = new Array(messages.length);
    const toSend: Array<{ i: number; msg: Message }> = [];
    messages.forEach((m, i) => {
      const value = JSON.stringify(m.envelope);
      const size = Buffer.byteLength(value) + Buffer.byteLength(m.key) + RECORD_OVERHEAD_BYTES;
      // Refused before sending: in a batch, a too-large record fails its whole request after the
      // other partitions were written, which would duplicate those when retried.
      if (size > limit) outcomes[i] = { ok: false, reason: `message of ${size} bytes exceeds the topic's max.message.bytes ${limit}`, permanent: true };
      else toSend.push({ i, msg: { key: m.key, value } });
    });
    if (toSend.length === 0) return outcomes;
    try {
      await this.send(
        full,
        toSend.map((s) => s.msg),
      );
      for (const s of toSend) outcomes[s.i] = { ok: true };
    } catch (err) {
      if (!refusedType(err) || toSend.length === 1) {
        const permanent = refusedType(err) !== undefined;
        for (const s of toSend) outcomes[s.i] = { ok: false, reason: describeError(err), permanent };
      } else {
        // The broker refused something in the batch: send one by one to find which.
        for (const s of toSend) {
          outcomes[s.i] = await this.send(full, [s.msg]).then(
            (): PublishOutcome => ({ ok: true }),
            (e): PublishOutcome => ({ ok: false, reason: describeError(e), permanent: refusedType(e) !== undefined }),
          );
        }
      }
    }
    return outcomes;
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
    // kafkajs reports each batch's lag behind the partition's high watermark; labelled by event type, not the prefixed name.
    // A partition that moves to another member after a rebalance drops its series here, so sums across members stay true.
    const lagged = new Set<number>();
    const lagLabels = (partition: number) => ({ topic: type.name, group: opts.group, partition: String(partition) });
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
      const lag = Number(e.payload.offsetLag);
      if (!Number.isFinite(lag) || !this.metrics) return;
      this.metrics.kafkaLag.set(lagLabels(e.payload.partition), lag);
      lagged.add(e.payload.partition);
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const assigned = new Set(e.payload.memberAssignment[topic] ?? []);
      for (const p of [...lagged].filter((x) => !assigned.has(x))) {
        this.metrics?.kafkaLag.remove(lagLabels(p));
        lagged.delete(p);
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const logger = this.opts.logger.child({ group: opts.group });
    await consumer.run({
      partitionsConsumedConcurrently: opts.concurrency ?? 1,
      eachMessage: async ({ message, heartbeat }) => {
        const text = message.value?.toString('utf8') ?? 'null';
        let raw: unknown;
        let unparsable = false;
        try {
          raw = JSON.parse(text);
        } catch {
          raw = { unparsable: message.value?.toString('base64') };
          unparsable = true;
        }
        await deliver(type, raw, handler, {
          topic: type.name,
          group: opts.group,
          metrics: this.metrics,
          logger,
          maxAttempts: this.opts.maxAttempts,
          retryBaseMs: this.opts.retryBaseMs,
          heartbeat,
          isClosing: () => this.closing,
          // Both must succeed before the offset is committed; a failure here redelivers the event.
          deadLetter: async (reason) => {
            const producer = await this.getProducer();
            await producer.send({
              topic: `${topic}.dlq`,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers: { 'x-dead-letter-reason': reason, 'x-consumer-group': opts.group } }],
            });
            if (this.opts.db) {
              await recordDeadLetter(this.opts.db, {
                topic: type.name,
                group: opts.group,
                reason,
                message: raw,
                rawText: unparsable ? text : undefined,
                key: message.key?.toString('utf8') ?? null,
              });
            }
          },
        });
      },
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    const producer = this.producer;
    this.producer = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), this.admin.disconnect(), this.probeAdmin.disconnect()]);
  }

  private async send(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.getProducer();
    await producer.send({ topic, acks: -1, messages });
  }

  /** Concurrent first publishes share one connect; a failed connect is tried afresh next time. */
  private getProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      const connecting = producer.connect().then(() => producer);
      this.producer = connecting;
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = undefined;
      });
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
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: this.opts.partitions,
          replicationFactor: this.opts.replicationFactor ?? 1,
          configEntries: [{ name: 'min.insync.replicas', value: String(this.opts.minInsyncReplicas ?? 1) }],
        })),
      });
    }
    const described = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: missing.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
    });
    for (const r of described.resources) {
      const v = Number(r.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue);
      if (Number.isFinite(v) && v > 0) this.maxMessageBytes.set(r.resourceName, v);
    }
    missing.forEach((t) => this.knownTopics.add(t));
  }
}

function refusedType(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && REFUSED_TYPES.has(type)) return type;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
