import { z } from 'zod';
import { defineEvent, enqueueEvent, OutboxRelay, pendingOutboxCount } from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../test/support/test-db';
import { inProcessTestBus, LogCapture, waitFor } from '../../test/support/pipeline';

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
    const flaky = { ...bus, kind: bus.kind, subscribe: bus.subscribe.bind(bus), close: bus.close.bind(bus), publish: async (...a: Parameters<typeof bus.publish>) => {
      if (!up) throw new Error('broker unreachable');
      return bus.publish(...a);
    } };
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
