import type { Logger } from 'pino';
import { describeError, isInfrastructureError, isRetriable, logReasonOf } from '../errors';
import { parseEnvelope, type Envelope, type EventType } from '../events/envelope';
import type { Metrics } from '../metrics/metrics';
import type { DeliveryContext, Handler } from './bus';

export interface DeliveryOptions {
  topic: string;
  group: string;
  metrics?: Metrics;
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  heartbeat(): Promise<void>;
  /** Must throw if the dead letter could not be recorded: the delivery then fails and is redelivered. */
  deadLetter(reason: string, eventId?: string): Promise<void>;
  isClosing(): boolean;
}

/** Back-off cap for ordinary retries and for waiting out an outage. */
const MAX_BACKOFF_MS = 10_000;
/** While waiting out an outage, the same delivery logs at most this often. */
const OUTAGE_LOG_EVERY_MS = 5_000;

/** Shared by both bus implementations so their retry and dead-letter behaviour cannot drift apart. */
export async function deliver<T>(type: EventType<T>, raw: unknown, handler: Handler<T>, opts: DeliveryOptions): Promise<void> {
  const labels = { topic: opts.topic, group: opts.group };
  const parsed = parseEnvelope(type, raw);
  if (!parsed.ok) {
    opts.logger.error({ topic: opts.topic, reason: parsed.reason }, 'dead-lettering an invalid event');
    const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    await opts.deadLetter(parsed.reason, typeof id === 'string' ? id : undefined);
    opts.metrics?.busDeadLettered.inc(labels);
    return;
  }
  const envelope = parsed.envelope as Envelope<T>;
  let failures = 0; // ordinary failures only: an outage does not use up the attempts
  let outageSteps = 0;
  let lastOutageLog = 0;
  for (let attempt = 1; ; attempt++) {
    const ctx: DeliveryContext = { topic: opts.topic, envelope, attempt, heartbeat: opts.heartbeat };
    const endTimer = opts.metrics?.busHandlerDuration.startTimer(labels);
    try {
      await handler(envelope.data, ctx);
      endTimer?.();
      opts.metrics?.busConsumed.inc(labels);
      if (outageSteps > 0) opts.logger.info({ topic: opts.topic, eventId: envelope.id, attempt }, 'handler succeeded after an outage');
      return;
    } catch (err) {
      endTimer?.();
      opts.metrics?.busFailed.inc(labels);
      const reason = describeError(err);
      const logged = logReasonOf(err);
      if (opts.isClosing()) throw err; // leave it uncommitted: the next member of the group gets it again
      let wait: number;
      if (isInfrastructureError(err)) {
        // Database or broker away: dead-lettering would strand the item, so hold this delivery
        // (on Kafka that holds the partition, i.e. pauses it) until it comes back or the bus closes.
        wait = Math.min(opts.retryBaseMs * 2 ** Math.min(outageSteps, 16), MAX_BACKOFF_MS);
        outageSteps++;
        if (Date.now() - lastOutageLog >= OUTAGE_LOG_EVERY_MS) {
          lastOutageLog = Date.now();
          opts.logger.warn(
            { topic: opts.topic, eventId: envelope.id, attempt, reason: logged, retryInMs: wait },
            'infrastructure unavailable; holding the event and retrying',
          );
        }
      } else {
        failures++;
        if (!isRetriable(err) || failures >= opts.maxAttempts) {
          opts.logger.error({ topic: opts.topic, eventId: envelope.id, attempt, reason: logged }, 'dead-lettering an event its handler could not process');
          await opts.deadLetter(reason, envelope.id);
          opts.metrics?.busDeadLettered.inc(labels);
          return;
        }
        wait = Math.min(opts.retryBaseMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
        opts.logger.warn({ topic: opts.topic, eventId: envelope.id, attempt, reason: logged, retryInMs: wait }, 'handler failed; retrying');
      }
      opts.metrics?.busRetried.inc(labels);
      await sleepWithHeartbeat(wait, opts);
      if (opts.isClosing()) throw err;
    }
  }
}

/** Sleeps in slices, heartbeating between them, so a long back-off does not cost the group membership. */
async function sleepWithHeartbeat(ms: number, opts: Pick<DeliveryOptions, 'heartbeat' | 'isClosing'>): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0 && !opts.isClosing(); left = until - Date.now()) {
    await sleep(Math.min(left, 1000));
    await opts.heartbeat();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
