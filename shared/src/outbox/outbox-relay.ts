import type { Logger } from 'pino';
import type { Bus } from '../bus/bus';
import type { Db } from '../db/db';
import { describeError } from '../errors';
import type { Envelope } from '../events/envelope';

interface OutboxRow {
  id: string | number;
  topic: string;
  key: string;
  envelope: Envelope | string;
}

export interface OutboxRelayOptions {
  db: Db;
  bus: Bus;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
  /** A claimed row not deleted by then (its publisher died) is claimed again. */
  leaseSeconds?: number;
}

/**
 * Moves outbox rows onto the bus. Several relays (one per process) can run against one database:
 * rows are claimed with a lease under SKIP LOCKED, published, then deleted. `kick()` wakes the relay
 * right after a commit in this process; polling covers commits made by other processes.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly inFlight = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly opts: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
    await Promise.allSettled([...this.pending]);
  }

  private async run(): Promise<void> {
    const batchSize = this.opts.batchSize ?? 100;
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.tick(batchSize);
      } catch (err) {
        this.opts.logger.error({ reason: describeError(err) }, 'outbox relay could not claim rows; will retry');
      }
      if (claimed < batchSize && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private async tick(batchSize: number): Promise<number> {
    const { rows } = await this.opts.db.query<OutboxRow>(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM outbox
                      WHERE claimed_until IS NULL OR claimed_until < now()
                      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, key, envelope`,
      [batchSize, this.opts.leaseSeconds ?? 60],
    );
    const fresh = rows.filter((r) => !this.inFlight.has(String(r.id)));
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of fresh) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    for (const [topic, batch] of byTopic) this.track(this.publish(topic, batch));
    return rows.length;
  }

  /** Not awaited by the loop: with the in-process bus a publish lasts as long as its handlers. */
  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async publish(topic: string, rows: OutboxRow[]): Promise<void> {
    const ids = rows.map((r) => String(r.id));
    ids.forEach((id) => this.inFlight.add(id));
    try {
      await this.opts.bus.publish(
        topic,
        rows.map((r) => ({ key: r.key, envelope: typeof r.envelope === 'string' ? (JSON.parse(r.envelope) as Envelope) : r.envelope })),
      );
      await this.opts.db.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
    } catch (err) {
      this.opts.logger.warn({ topic, count: rows.length, reason: describeError(err) }, 'outbox publish failed; rows stay and are retried');
      await this.opts.db
        .query(`UPDATE outbox SET claimed_until = now() + interval '2 seconds' WHERE id = ANY($1::bigint[])`, [ids])
        .catch(() => {});
    } finally {
      ids.forEach((id) => this.inFlight.delete(id));
    }
  }
}
