import type { Logger } from 'pino';
import type { Bus, PublishOutcome } from '../bus/bus';
import { recordDeadLetter } from '../bus/dead-letters';
import type { Db } from '../db/db';
import { describeError, isInfrastructureError } from '../errors';
import { parseEnvelope, type Envelope, type EventType } from '../events/envelope';
import { ALL_EVENTS } from '../events/types';
import { Waker } from '../runtime/waker';

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
  /** Rows claimed (handed to the bus, not yet confirmed) at once, at most. */
  maxInFlight?: number;
  /** A claimed row not deleted by then (its publisher died) is claimed again; live claims are renewed. */
  leaseSeconds?: number;
}

const KNOWN_EVENTS = new Map<string, EventType<unknown>>(ALL_EVENTS.map((t) => [t.name, t as EventType<unknown>]));

/**
 * Moves outbox rows onto the bus. Several relays (one per process) can run against one database:
 * rows are claimed with a lease under SKIP LOCKED, published, then deleted. At most `maxInFlight`
 * rows are claimed at a time and their leases are renewed while the bus works on them, so a slow
 * consumer neither pulls the whole backlog into one process nor lets another process deliver it
 * twice. `kick()` wakes the relay right after a commit in this process; polling covers commits made
 * by other processes.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waker = new Waker();
  private readonly inFlight = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private abort = new AbortController();
  private publishFailures = 0;
  private claimFailures = 0;
  private leaseRenewedAt = 0;
  private renewing: Promise<unknown> | undefined;
  /** Rows of an event version newer than this process knows: left (unclaimed) for a newer relay. */
  private readonly tooNew = new Set<string>();
  private readonly tooNewLogged = new Set<string>();

  constructor(private readonly opts: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  kick(): void {
    this.waker.wake();
  }

  /** Returns once the publishes already under way finish; rows not yet handed to a handler are released. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.kick();
    await this.loop;
    await Promise.allSettled([...this.pending]);
  }

  private get batchSize(): number {
    return this.opts.batchSize ?? 100;
  }

  private get maxInFlight(): number {
    return this.opts.maxInFlight ?? 500;
  }

  private get leaseSeconds(): number {
    return this.opts.leaseSeconds ?? 60;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const room = Math.min(this.batchSize, this.maxInFlight - this.inFlight.size);
      let claimed = 0;
      let waitMs = this.opts.pollMs;
      try {
        await this.renewLeases();
        if (room > 0) claimed = await this.tick(room);
        this.claimFailures = 0;
      } catch (err) {
        // Database away: back off instead of logging every poll.
        waitMs = Math.min(this.opts.pollMs * 2 ** this.claimFailures, 5000);
        if (this.claimFailures++ % 10 === 0) this.opts.logger.error({ reason: describeError(err) }, 'outbox relay could not claim rows; will retry');
      }
      // A full batch with room left: claim again at once. Otherwise wait for a kick (a commit here or
      // a publish finishing, which frees room) or the poll.
      if (this.running && (room <= 0 || claimed < room)) {
        await this.waker.sleep(waitMs);
      }
    }
  }

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0 || Date.now() - this.leaseRenewedAt < (this.leaseSeconds * 1000) / 3) return;
    this.leaseRenewedAt = Date.now();
    // Only rows still leased: a row released meanwhile (claimed_until NULL) must stay released. A
    // publish awaits a running renewal before it settles, so a renewal never lands after a release.
    const run = this.opts.db.query(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[]) AND claimed_until IS NOT NULL`,
      [[...this.inFlight], this.leaseSeconds],
    );
    this.renewing = run;
    try {
      await run;
    } finally {
      if (this.renewing === run) this.renewing = undefined;
    }
  }

  private async tick(limit: number): Promise<number> {
    const { rows } = await this.opts.db.query<OutboxRow>(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM outbox
                      WHERE (claimed_until IS NULL OR claimed_until < now()) AND NOT (id = ANY($3::bigint[]))
                      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, key, envelope`,
      [limit, this.leaseSeconds, [...this.inFlight, ...this.tooNew]],
    );
    if (this.inFlight.size === 0) this.leaseRenewedAt = Date.now();
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      this.inFlight.add(String(row.id));
      byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    }
    for (const [topic, batch] of byTopic) this.track(this.publish(topic, batch));
    return rows.length;
  }

  /** Not awaited by the loop: with the in-process bus a publish lasts as long as its handlers. */
  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async publish(topic: string, rows: OutboxRow[]): Promise<void> {
    try {
      const refused: Array<{ row: OutboxRow; reason: string }> = [];
      const sendable: Array<{ row: OutboxRow; envelope: Envelope }> = [];
      const newer: Array<{ row: OutboxRow; version: number }> = [];
      for (const row of rows) {
        const e = readEnvelope(topic, row);
        if (e.ok) sendable.push({ row, envelope: e.envelope });
        else if ('newerVersion' in e) newer.push({ row, version: e.newerVersion });
        else refused.push({ row, reason: e.reason });
      }
      if (newer.length > 0) await this.settle(() => this.leaveForNewerRelay(topic, newer));
      let outcomes: PublishOutcome[];
      try {
        outcomes =
          sendable.length === 0
            ? []
            : await this.opts.bus.publish(
                topic,
                sendable.map((s) => ({ key: s.row.key, envelope: s.envelope })),
                { signal: this.abort.signal },
              );
      } catch (err) {
        outcomes = sendable.map(() => ({ ok: false, reason: describeError(err), permanent: false }));
      }
      const sent: string[] = [];
      const retry: string[] = [];
      let retryReason = '';
      // The bus has answered: these rows are no longer in flight, so no new renewal touches them,
      // and one already running finishes before any release below (else it could undo the release).
      rows.forEach((r) => this.inFlight.delete(String(r.id)));
      await this.renewing?.catch(() => undefined);
      sendable.forEach(({ row }, i) => {
        const o = outcomes[i] ?? { ok: false, reason: 'no outcome from the bus', permanent: false };
        if (o.ok) sent.push(String(row.id));
        else if (o.permanent) refused.push({ row, reason: o.reason });
        else {
          retry.push(String(row.id));
          retryReason = o.reason;
        }
      });
      if (sent.length > 0) await this.settle(() => this.opts.db.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [sent]));
      if (refused.length > 0) await this.settle(() => this.deadLetter(topic, refused));
      if (retry.length > 0) await this.settle(() => this.release(topic, retry, retryReason));
      else if (sent.length > 0) this.publishFailures = 0;
    } catch (err) {
      // The rows stay claimed until their lease ends, then they are published again (at-least-once).
      this.opts.logger.error({ topic, count: rows.length, reason: describeError(err) }, 'outbox relay could not settle published rows');
    } finally {
      rows.forEach((r) => this.inFlight.delete(String(r.id)));
      this.kick();
    }
  }

  /**
   * The bus has the events; if the database is away now, keep trying to record that rather than
   * leave the rows to their lease (a second delivery of everything published during an outage).
   */
  private async settle(fn: () => Promise<unknown>): Promise<void> {
    for (let step = 0; ; step++) {
      try {
        await fn();
        return;
      } catch (err) {
        if (!isInfrastructureError(err) || (!this.running && step >= 3)) throw err;
        await new Promise((r) => setTimeout(r, Math.min(this.opts.pollMs * 2 ** step, 5000)));
      }
    }
  }

  private async deadLetter(topic: string, refused: Array<{ row: OutboxRow; reason: string }>): Promise<void> {
    await this.opts.db.transaction(async (tx) => {
      for (const { row, reason } of refused) {
        const text = typeof row.envelope === 'string' ? row.envelope : undefined;
        await recordDeadLetter(tx, { topic, group: null, reason, key: row.key, ...(text === undefined ? { message: row.envelope } : parsedOrText(text)) });
      }
      await tx.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [refused.map((r) => String(r.row.id))]);
    });
    for (const { row, reason } of refused)
      this.opts.logger.error({ topic, outboxId: String(row.id), reason }, 'the bus refused an event for good; moved to dead_letters');
  }

  /**
   * During a rolling deploy a newer process may write an event version this one cannot validate:
   * not this relay's to judge (dead-lettering it would lose a good event), so it is released for a
   * relay that knows the version, never claimed here again, and logged once per topic and version.
   */
  private async leaveForNewerRelay(topic: string, rows: Array<{ row: OutboxRow; version: number }>): Promise<void> {
    const ids = rows.map((r) => String(r.row.id));
    await this.opts.db.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
    ids.forEach((id) => this.tooNew.add(id));
    for (const { version } of rows) {
      const once = `${topic} v${version}`;
      if (this.tooNewLogged.has(once)) continue;
      this.tooNewLogged.add(once);
      this.opts.logger.warn(
        { topic, version, known: KNOWN_EVENTS.get(topic)?.version },
        'outbox holds a newer event version than this process knows; left for a newer relay',
      );
    }
  }

  /** Transient failure: retried after a back-off; when stopping, released at once for any relay. */
  private async release(topic: string, ids: string[], reason: string): Promise<void> {
    if (!this.running) {
      await this.opts.db.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
      return;
    }
    const backoffSeconds = Math.min(2 * 2 ** this.publishFailures++, 60);
    this.opts.logger.warn({ topic, count: ids.length, reason, retryInSeconds: backoffSeconds }, 'outbox publish failed; rows stay and are retried');
    await this.opts.db.query(`UPDATE outbox SET claimed_until = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])`, [ids, backoffSeconds]);
  }
}

function parsedOrText(text: string): { message: unknown } | { message: null; rawText: string } {
  try {
    return { message: JSON.parse(text) };
  } catch {
    return { message: null, rawText: text };
  }
}

/** An envelope the consumers would refuse (not JSON, wrong type, fails its schema) is refused here for good. */
function readEnvelope(topic: string, row: OutboxRow): { ok: true; envelope: Envelope } | { ok: false; reason: string } | { ok: false; newerVersion: number } {
  let envelope: Envelope;
  try {
    envelope = typeof row.envelope === 'string' ? (JSON.parse(row.envelope) as Envelope) : row.envelope;
  } catch {
    return { ok: false, reason: 'outbox envelope is not JSON' };
  }
  const type = KNOWN_EVENTS.get(topic);
  if (!type) return { ok: true, envelope };
  const version = (envelope as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > type.version) return { ok: false, newerVersion: version };
  const parsed = parseEnvelope(type, envelope);
  return parsed.ok ? { ok: true, envelope } : { ok: false, reason: parsed.reason };
}
