import type { Logger } from 'pino';
import { describeError, isRetriable } from '../errors';
import { parseEnvelope, type Envelope, type EventType } from '../events/envelope';
import type { DeliveryContext, Handler } from './bus';

export interface DeliveryOptions {
  topic: string;
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  heartbeat(): Promise<void>;
  deadLetter(reason: string): Promise<void>;
  isClosing(): boolean;
}

/** Shared by both bus implementations so their retry and dead-letter behaviour cannot drift apart. */
export async function deliver<T>(type: EventType<T>, raw: unknown, handler: Handler<T>, opts: DeliveryOptions): Promise<void> {
  const parsed = parseEnvelope(type, raw);
  if (!parsed.ok) {
    opts.logger.error({ topic: opts.topic, reason: parsed.reason }, 'dead-lettering an invalid event');
    await opts.deadLetter(parsed.reason);
    return;
  }
  const envelope = parsed.envelope as Envelope<T>;
  for (let attempt = 1; ; attempt++) {
    const ctx: DeliveryContext = { topic: opts.topic, envelope, attempt, heartbeat: opts.heartbeat };
    try {
      await handler(envelope.data, ctx);
      return;
    } catch (err) {
      const reason = describeError(err);
      if (opts.isClosing()) throw err; // leave it uncommitted: the next member of the group gets it again
      if (!isRetriable(err) || attempt >= opts.maxAttempts) {
        opts.logger.error({ topic: opts.topic, eventId: envelope.id, attempt, reason }, 'dead-lettering an event its handler could not process');
        await opts.deadLetter(reason);
        return;
      }
      const wait = Math.min(opts.retryBaseMs * 2 ** (attempt - 1), 10_000);
      opts.logger.warn({ topic: opts.topic, eventId: envelope.id, attempt, reason, retryInMs: wait }, 'handler failed; retrying');
      await sleep(wait);
      await opts.heartbeat();
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
