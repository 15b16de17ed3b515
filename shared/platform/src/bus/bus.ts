import type { Envelope, EventType } from '../events/envelope';
import type { Metrics } from '../metrics/metrics';

export interface OutgoingMessage {
  key: string;
  envelope: Envelope;
}

/** What became of one published message: taken by the bus, or refused (permanently: retrying cannot help). */
export type PublishOutcome = { ok: true } | { ok: false; reason: string; permanent: boolean };

export interface PublishOptions {
  /**
   * The in-process bus hands a message to a handler only while this is not aborted; messages not
   * started by then come back `{ ok: false, permanent: false }` (the relay releases their rows).
   */
  signal?: AbortSignal;
}

export interface DeliveryContext {
  topic: string;
  envelope: Envelope;
  attempt: number;
  /** Long handlers call this between steps so the broker keeps them in the group. */
  heartbeat(): Promise<void>;
}

export type Handler<T> = (data: T, ctx: DeliveryContext) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: every group gets every event once; members of a group share the work. */
  group: string;
  /** How many events this subscriber handles at once. */
  concurrency?: number;
}

/**
 * The bus seam. Both implementations keep the same contract:
 * - at-least-once delivery to each group (handlers must be idempotent: key on an id in the event);
 * - an event that fails schema validation, fails non-retriably, or keeps failing after
 *   BUS_MAX_ATTEMPTS is dead-lettered with its reason and never blocks the events behind it;
 * - an infrastructure error (database or broker unreachable) is retried without limit, never
 *   dead-lettered: the consumer pauses until it is back or the bus closes;
 * - dead letters are recorded in the `dead_letters` table (`hotline dlq list|replay`);
 * - `publish` reports one outcome per message, in order; `ok` means the bus has taken
 *   responsibility for it.
 */
export interface Bus {
  readonly kind: 'kafka' | 'in-process';
  publish(topic: string, messages: OutgoingMessage[], opts?: PublishOptions): Promise<PublishOutcome[]>;
  subscribe<T>(type: EventType<T>, opts: SubscribeOptions, handler: Handler<T>): Promise<void>;
  /** Whether the bus can reach its broker within `timeoutMs` (readiness); the in-process bus always can. */
  ready(timeoutMs: number): Promise<boolean>;
  /** Counts deliveries, failures, retries, dead letters, handler durations (and Kafka lag) into these metrics from now on. */
  observe(metrics: Metrics): void;
  close(): Promise<void>;
}
