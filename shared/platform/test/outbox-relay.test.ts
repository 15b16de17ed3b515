import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { defineEvent, enqueueEvent, listDeadLetters, makeEnvelope, OutboxRelay, pendingOutboxCount, urlReported } from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';
import { inProcessTestBus, LogCapture, waitFor } from '../../../test/support/pipeline';

const ping = defineEvent('ping.sent', 1, z.object({ id: z.string() }), (d) => d.id);

describe.each([
  ['PostgreSQL', () => createPgTestDb('outbox')],
  ['PGlite', () => createPgliteTestDb()],
])('the outbox relay on %s', (_name, makeDb) => {
  let t: TestDb;
  const logs = new LogCapture();

  beforeEach(async () => {
    t = await makeDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('publishes committed events and deletes them once the bus has them', async () => {
    const bus = inProcessTestBus(logs.logger);
    const got: string[] = [];
    await bus.subscribe(ping, { group: 'g' }, async (e) => void got.push(e.id));
    await t.db.transaction(async (tx) => {
      await enqueueEvent(tx, ping, { id: 'committed' });
    });
    await t.db
      .transaction(async (tx) => {
        await enqueueEvent(tx, ping, { id: 'rolled-back' });
        throw new Error('abort');
      })
      .catch(() => {});
    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 50 });
    relay.start();
    await waitFor('the committed event', async () => got.length === 1 && (await pendingOutboxCount(t.db)) === 0);
    await relay.stop();
    expect(got).toEqual(['committed']);
  });

  it('keeps events while the bus is down and delivers them when it is back', async () => {
    let up = false;
    const bus = inProcessTestBus(logs.logger);
    const got: string[] = [];
    await bus.subscribe(ping, { group: 'g' }, async (e) => void got.push(e.id));
    const flaky = {
      ...bus,
      kind: bus.kind,
      subscribe: bus.subscribe.bind(bus),
      ready: bus.ready.bind(bus),
      observe: bus.observe.bind(bus),
      close: bus.close.bind(bus),
      publish: async (...a: Parameters<typeof bus.publish>) => {
        if (!up) throw new Error('broker unreachable');
        return bus.publish(...a);
      },
    };
    await t.db.transaction((tx) => enqueueEvent(tx, ping, { id: 'survives' }));
    const relay = new OutboxRelay({ db: t.db, bus: flaky, logger: logs.logger, pollMs: 50, leaseSeconds: 1 });
    relay.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(await pendingOutboxCount(t.db)).toBe(1);
    up = true;
    await waitFor('the event after the bus came back', async () => got.length === 1, 10000);
    await relay.stop();
    expect(await pendingOutboxCount(t.db)).toBe(0);
  });
});

describe('the outbox relay with a slow subscriber', () => {
  let t: TestDb;
  const logs = new LogCapture();
  beforeEach(async () => {
    t = await createPgTestDb('outbox_cap');
  });
  afterEach(async () => {
    await t.drop();
  });

  const claimedNow = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE claimed_until > now()')).rows[0]!.n;

  it('item 8: claims at most its cap, stops promptly leaving the backlog released, and a new relay delivers the rest exactly once', async () => {
    const bus = inProcessTestBus(logs.logger, t.db);
    const got: string[] = [];
    let gate!: () => void;
    const opened = new Promise<void>((r) => (gate = r));
    await bus.subscribe(ping, { group: 'slow' }, async (e) => {
      await opened;
      await new Promise((r) => setTimeout(r, 5));
      got.push(e.id);
    });
    const total = 400;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < total; i++) await enqueueEvent(tx, ping, { id: `p${i}` });
    });
    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 20, batchSize: 20, maxInFlight: 50 });
    relay.start();
    // While the subscriber is stuck, the relay has every chance to claim more than its cap.
    let peak = 0;
    for (let i = 0; i < 15; i++) {
      peak = Math.max(peak, await claimedNow());
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(peak).toBe(50);
    gate();
    await waitFor('some events handled', async () => got.length >= 30);
    peak = Math.max(peak, await claimedNow());
    await relay.stop();
    expect(peak).toBeLessThanOrEqual(50);
    const left = await pendingOutboxCount(t.db);
    expect(left).toBeGreaterThan(0);
    expect(left).toBe(total - got.length);
    expect(await claimedNow()).toBe(0);

    const next = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 20, batchSize: 20, maxInFlight: 50 });
    next.start();
    await waitFor('the rest of the backlog', async () => (await pendingOutboxCount(t.db)) === 0, 30000);
    await next.stop();
    expect(got).toHaveLength(total);
    expect(new Set(got).size).toBe(total);
  });
});

describe('the outbox relay and events the bus must refuse', () => {
  let t: TestDb;
  const logs = new LogCapture();
  beforeEach(async () => {
    t = await createPgTestDb('outbox_refuse');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 9: a row whose envelope fails its schema is moved to dead_letters with the reason instead of blocking the rows behind it', async () => {
    const bus = inProcessTestBus(logs.logger, t.db);
    const got: string[] = [];
    await bus.subscribe(urlReported, { group: 'fetcher' }, async (e) => void got.push(e.itemId));
    const good = makeEnvelope(urlReported, {
      reportId: randomUUID(),
      itemId: randomUUID(),
      url: 'https://example.org/a',
      source: 'web',
      receivedAt: new Date().toISOString(),
    });
    const bad = { ...good, id: 'bad-event', data: { ...good.data, url: 'not a url' } };
    for (const env of [bad, good])
      await t.db.query('INSERT INTO outbox (topic, key, envelope) VALUES ($1, $2, $3)', ['url.reported', env.data.itemId, JSON.stringify(env)]);
    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 20 });
    relay.start();
    await waitFor('the outbox to drain', async () => (await pendingOutboxCount(t.db)) === 0);
    await relay.stop();
    expect(got).toEqual([good.data.itemId]);
    const dead = await listDeadLetters(t.db);
    expect(dead).toEqual([
      expect.objectContaining({ topic: 'url.reported', group: null, eventId: 'bad-event', reason: expect.stringMatching(/invalid url\.reported v1: url/) }),
    ]);
  });
  it('review: a row of a newer event version than this process knows is left for another relay, not dead-lettered', async () => {
    const bus = inProcessTestBus(logs.logger, t.db);
    const got: string[] = [];
    await bus.subscribe(urlReported, { group: 'fetcher' }, async (e) => void got.push(e.itemId));
    const good = makeEnvelope(urlReported, {
      reportId: randomUUID(),
      itemId: randomUUID(),
      url: 'https://example.org/a',
      source: 'web',
      receivedAt: new Date().toISOString(),
    });
    const newer = { ...good, id: 'from-the-future', version: urlReported.version + 1, data: { ...good.data, itemId: randomUUID(), extra: 'a v2 field' } };
    for (const env of [newer, good])
      await t.db.query('INSERT INTO outbox (topic, key, envelope) VALUES ($1, $2, $3)', ['url.reported', env.data.itemId, JSON.stringify(env)]);
    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 20 });
    relay.start();
    await waitFor('the known event to go out', async () => got.length === 1);
    await waitFor('the skip to be logged', async () => logs.lines.some((l) => l.includes('newer event version')));
    await relay.stop();
    expect(got).toEqual([good.data.itemId]);
    expect(await listDeadLetters(t.db)).toEqual([]);
    // Still in the outbox, and released (not held under this relay's lease) for a relay that knows v2.
    const left = await t.db.query<{ key: string; claimed: boolean }>('SELECT key, COALESCE(claimed_until > now(), false) AS claimed FROM outbox');
    expect(left.rows).toEqual([{ key: newer.data.itemId, claimed: false }]);
    expect(logs.lines.filter((l) => l.includes('newer event version'))).toHaveLength(1);
  });
});
