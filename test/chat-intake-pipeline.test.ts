import { createHash, randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Bus, OutgoingMessage, PublishOptions } from '@hotline/platform';
import { deliver, FakeChatPlatforms, PLANTED, PLANTED_STRINGS, telegramPhoto, whatsappBatch } from './support/fake-chat-platforms';
import { importRows } from './support/hash-lists';
import { texturedPng } from './support/images';
import { getReport, inProcessTestBus, kafkaTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';

interface Mode {
  makeDb(): Promise<TestDb>;
  makeBus(logs: LogCapture): Bus;
  /** Every message the broker holds for this run, as text (Kafka only: the in-process bus keeps none). */
  brokerMessages?(): Promise<string[]>;
}

const kafkaPrefix = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;

/**
 * Reads every topic of this run's prefix from the beginning with a fresh consumer group, up to each
 * partition's high-water mark (the producer is idempotent, not transactional: offsets have no gaps).
 */
async function readEveryTopic(prefix: string): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'hotline-test-scan', brokers: process.env.TEST_KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  let expected = 0;
  for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) expected += Number(p.high) - Number(p.low);
  await admin.disconnect();
  const seen: string[] = [];
  const consumer = kafka.consumer({ groupId: `${prefix}scan-${randomBytes(3).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
        seen.push(`${topic} ${message.key?.toString() ?? ''} ${headers.join(' ')} ${message.value?.toString() ?? ''}`);
      },
    });
    await waitFor(`all ${expected} messages of ${topics.length} topics`, async () => seen.length >= expected, 30000);
  } finally {
    await consumer.disconnect();
  }
  expect(topics.length).toBeGreaterThan(5);
  return seen;
}

const modes: Array<[string, Mode]> = [
  [
    'Kafka and PostgreSQL',
    { makeDb: () => createPgTestDb('chat_e2e'), makeBus: (logs) => kafkaTestBus(logs.logger, kafkaPrefix), brokerMessages: () => readEveryTopic(kafkaPrefix) },
  ],
  ['the embedded default (in-process bus, PGlite)', { makeDb: () => createPgliteTestDb(), makeBus: (logs) => inProcessTestBus(logs.logger) }],
];

describe.each(modes)('issue 10: a forwarded image through the whole pipeline leaves no trace of its reporter (%s)', (_mode, mode) => {
  const logs = new LogCapture();
  const published: string[] = [];
  let fake: FakeChatPlatforms;
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  let chatUrl: string;
  let png: Buffer;

  beforeAll(async () => {
    fake = await new FakeChatPlatforms().start();
    png = await texturedPng(480, 360, 1010);
    fake.media.set('tg-known', png);
    fake.media.set('wa-known', png);
    testDb = await mode.makeDb();
    await importRows(testDb.db, { list: 'test-known', type: 'sha256', rows: [{ hash: createHash('sha256').update(png).digest('hex'), category: 'A' }] });
    // Every message the bus carries, as text, for the scan at the end.
    const bus = mode.makeBus(logs);
    const publish = bus.publish.bind(bus);
    bus.publish = (topic: string, messages: OutgoingMessage[], opts?: PublishOptions) => {
      published.push(...messages.map((m) => `${topic} ${m.key} ${JSON.stringify(m.envelope)}`));
      return publish(topic, messages, opts);
    };
    pipeline = await startPipeline({ db: testDb.db, bus, logger: logs.logger, env: { ...fake.env(), MATCH_REFRESH_MS: '100' } });
    chatUrl = (pipeline.services.find((s) => s.name === 'chat-intake') as unknown as { url(): string }).url();
  });

  afterAll(async () => {
    await pipeline?.stop();
    await testDb?.drop();
    await fake?.close();
  });

  it('reaches the review queue as known material; after the decision both reporters get feedback, their identities are gone, and no table, event or log line holds them', async () => {
    expect((await deliver(chatUrl, 'telegram', telegramPhoto('tg-known', { messageId: 77 }))).status).toBe(200);
    expect((await deliver(chatUrl, 'whatsapp', whatsappBatch([{ id: 'wamid.K1', image: 'wa-known' }]))).status).toBe(200);
    const reports = await waitFor('both chat reports', async () => {
      const r = await testDb.db.query<{ report_id: string }>('SELECT report_id FROM chat_reports ORDER BY report_id');
      return r.rows.length === 2 && r.rows.map((x) => x.report_id);
    });
    const item = await waitFor('the known item in the queue with both reports', async () => {
      const details = await Promise.all(reports.map((id) => getReport(pipeline.reviewUrl, id)));
      const items = details.map((d) => (d.reviewItems as Array<Record<string, any>>)[0]);
      return items.every((i) => i && i.id === items[0]!.id) && items[0];
    });
    const detail = (await (
      await fetch(`${pipeline.reviewUrl}/api/items/${item.id}`, { headers: { authorization: `Bearer ${pipeline.reviewToken}` } })
    ).json()) as {
      knownMaterial: boolean;
    };
    expect(detail.knownMaterial).toBe(true);
    const claimed = await fetch(`${pipeline.reviewUrl}/api/queue/claim`, { method: 'POST', headers: { authorization: `Bearer ${pipeline.reviewToken}` } });
    expect(((await claimed.json()) as { id: string }).id).toBe(item.id);
    const decided = await fetch(`${pipeline.reviewUrl}/api/items/${item.id}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pipeline.reviewToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ verdict: 'baseline', iwfCategory: 'A', industry: 'A1' }),
    });
    expect(decided.status).toBe(200);

    await waitFor('feedback to both reporters', async () => fake.sent.filter((m) => /illegaal materiaal|illegal material was found/.test(m.text)).length === 2);
    expect(fake.sent.find((m) => m.to === String(PLANTED.telegramChatId) && /illegaal materiaal/.test(m.text))).toBeDefined();
    expect(fake.sent.find((m) => m.to === PLANTED.phone && /illegal material was found/.test(m.text))).toBeDefined();
    await waitFor(
      'every identity destroyed',
      async () => Number((await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM reporter_identities')).rows[0]!.n) === 0,
    );
    const deletions = await testDb.db.query<{ reason: string }>('SELECT reason FROM identity_deletions');
    expect(deletions.rows.map((d) => d.reason)).toEqual(['feedback_delivered', 'feedback_delivered']);

    // Every row of every table, as text.
    const tables = await testDb.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['reports', 'jobs', 'outbox', 'audit_log', 'chat_inbox', 'identity_deletions']),
    );
    const dump: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await testDb.db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
      dump.push(...rows.rows.map((r) => `${table_name}: ${r.row}`));
    }
    expect(dump.length).toBeGreaterThan(20);
    expect(published.length).toBeGreaterThan(5);
    expect(logs.lines.length).toBeGreaterThan(10);
    // On Kafka, what the broker actually holds: every topic of this run, from the first offset.
    const onBroker = mode.brokerMessages ? await mode.brokerMessages() : [];
    if (mode.brokerMessages) {
      expect(onBroker.length).toBeGreaterThanOrEqual(published.length);
      // The scan sees the events themselves: both chat reports' ids are on the broker.
      for (const id of reports) expect(onBroker.some((l) => l.includes(id))).toBe(true);
    }
    for (const planted of PLANTED_STRINGS) {
      expect({ planted, onBroker: onBroker.filter((l) => l.includes(planted)) }).toEqual({ planted, onBroker: [] });
      expect({ planted, inTables: dump.filter((l) => l.includes(planted)) }).toEqual({ planted, inTables: [] });
      expect({ planted, onBus: published.filter((l) => l.includes(planted)) }).toEqual({ planted, onBus: [] });
      expect({ planted, inLogs: logs.lines.filter((l) => l.includes(planted)) }).toEqual({ planted, inLogs: [] });
    }
  }, 90000);
});
