import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { z } from 'zod';
import { defineEvent, enqueueEvent, HotlineError, KafkaBus, listDeadLetters, makeEnvelope, OutboxRelay, pendingOutboxCount } from '../src';
import { createPgTestDb, type TestDb } from '../../../test/support/test-db';
import { LogCapture, waitFor } from '../../../test/support/pipeline';

const blob = defineEvent('blob.sent', 1, z.object({ id: z.string(), body: z.string() }), (d) => d.id);

function makeBus(logs: LogCapture, extra: Partial<ConstructorParameters<typeof KafkaBus>[0]> = {}): KafkaBus {
  return new KafkaBus({
    brokers: process.env.TEST_KAFKA_BROKERS!.split(','),
    clientId: 'hotline-test',
    topicPrefix: `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`,
    partitions: 3,
    sessionTimeoutMs: 6000,
    maxAttempts: 3,
    retryBaseMs: 50,
    logger: logs.logger,
    ...extra,
  });
}

describe('the Kafka bus on the real broker', () => {
  const logs = new LogCapture();
  let t: TestDb;
  let bus: KafkaBus;
  beforeEach(async () => {
    t = await createPgTestDb('kafka_bus');
  });
  afterEach(async () => {
    await bus?.close();
    await t.drop();
  });

  it('item 9: one oversized message in a batch is dead-lettered with its reason; the others are delivered once, with no endless re-publish', async () => {
    bus = makeBus(logs, { db: t.db });
    const got: string[] = [];
    await bus.subscribe(blob, { group: 'g' }, async (e) => void got.push(e.id));
    await t.db.transaction(async (tx) => {
      await enqueueEvent(tx, blob, { id: 'small-1', body: 'x' });
      await enqueueEvent(tx, blob, { id: 'huge', body: 'y'.repeat(1_200_000) });
      await enqueueEvent(tx, blob, { id: 'small-2', body: 'x' });
      await enqueueEvent(tx, blob, { id: 'small-3', body: 'x' });
    });
    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 50 });
    relay.start();
    await waitFor('the outbox to drain', async () => (await pendingOutboxCount(t.db)) === 0, 30000);
    await waitFor('the three small events', async () => got.length >= 3);
    await relay.stop();
    const dead = await listDeadLetters(t.db);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ topic: 'blob.sent', group: null });
    expect(dead[0]!.reason).toMatch(/max\.message\.bytes|too large/i);
    expect(got.sort()).toEqual(['small-1', 'small-2', 'small-3']);
  });

  it('item 12: concurrent first publishes share one producer connect, and a failed connect is tried afresh', async () => {
    bus = makeBus(logs);
    const got: string[] = [];
    await bus.subscribe(blob, { group: 'g' }, async (e) => void got.push(e.id));
    const kafka = (bus as unknown as { kafka: Kafka }).kafka;
    const real = kafka.producer.bind(kafka);
    let made = 0;
    jest.spyOn(kafka, 'producer').mockImplementation((opts) => {
      const p = real(opts);
      if (made++ === 0) p.connect = async () => Promise.reject(new Error('broker briefly away'));
      return p;
    });
    const send = (id: string) => bus.publish(blob.name, [{ key: id, envelope: makeEnvelope(blob, { id, body: '' }) }]);
    const first = await Promise.all(['a0', 'a1'].map(send));
    expect(first.flat().every((o) => !o.ok)).toBe(true);
    const outcomes = await Promise.all(['b0', 'b1', 'b2', 'b3', 'b4'].map(send));
    expect(outcomes.flat()).toEqual(Array(5).fill({ ok: true }));
    expect(made).toBe(2);
    await waitFor('the five events', async () => got.length === 5);
    expect(got.sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  });

  it('item 12: topics it creates carry the configured min.insync.replicas', async () => {
    bus = makeBus(logs, { minInsyncReplicas: 2, replicationFactor: 1 });
    await bus.subscribe(blob, { group: 'g' }, async () => {});
    const admin = new Kafka({ clientId: 'hotline-test-admin', brokers: process.env.TEST_KAFKA_BROKERS!.split(',') }).admin();
    await admin.connect();
    try {
      const topic = bus.topicName(blob.name);
      const d = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
      });
      expect(d.resources[0]!.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');
    } finally {
      await admin.disconnect();
    }
  });

  it('item 3: a dead letter goes to <topic>.dlq and into the dead_letters table', async () => {
    bus = makeBus(logs, { db: t.db });
    await bus.subscribe(blob, { group: 'strict' }, async () => {
      throw new HotlineError('refused', 'this event cannot be handled');
    });
    const [outcome] = await bus.publish(blob.name, [{ key: 'k', envelope: makeEnvelope(blob, { id: 'dead', body: '' }) }]);
    expect(outcome).toEqual({ ok: true });
    await waitFor('the dead letter row', async () => (await listDeadLetters(t.db)).length === 1, 30000);
    expect((await listDeadLetters(t.db))[0]).toMatchObject({ topic: 'blob.sent', group: 'strict', reason: 'this event cannot be handled' });
    const admin = new Kafka({ clientId: 'hotline-test-admin', brokers: process.env.TEST_KAFKA_BROKERS!.split(',') }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(`${bus.topicName(blob.name)}.dlq`);
      expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(1);
    } finally {
      await admin.disconnect();
    }
  });
});
