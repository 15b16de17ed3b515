import type { Envelope, EventType } from '../events/envelope';

export interface OutgoingMessage {
  key: string;
  envelope: Envelope;
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
 * - `publish` resolves only when the bus has taken responsibility for the messages.
 */
export interface Bus {
  readonly kind: 'kafka' | 'in-process';
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe<T>(type: EventType<T>, opts: SubscribeOptions, handler: Handler<T>): Promise<void>;
  close(): Promise<void>;
}
