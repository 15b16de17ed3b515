import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, HotlineError, InProcessBus, KafkaBus, makeEnvelope, Metrics, type Bus } from '../src';
import { LogCapture, waitFor } from '../../../test/support/pipeline';
import { sample } from '../../../test/support/metrics-text';

const job = defineEvent('metrics.job', 1, z.object({ id: z.string(), failures: z.number(), permanent: z.boolean() }), (d) => d.id);

const buses: Array<[string, (logs: LogCapture) => Bus]> = [
  ['in-process', (logs) => new InProcessBus({ logger: logs.logger, maxAttempts: 5, retryBaseMs: 10 })],
  [
    'Kafka',
    (logs) =>
      new KafkaBus({
        brokers: process.env.TEST_KAFKA_BROKERS!.split(','),
        clientId: 'hotline-test',
        topicPrefix: `bm${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`,
        partitions: 1,
        sessionTimeoutMs: 6000,
        maxAttempts: 5,
        retryBaseMs: 10,
        logger: logs.logger,
      }),
  ],
];

describe.each(buses)('bus metrics on the %s bus', (_name, makeBus) => {
  const logs = new LogCapture();
  let bus: Bus;
  afterAll(async () => {
    await bus?.close();
  });

  it('item 4: consumed, failed, retried, dead-lettered and handler durations are counted per topic and group', async () => {
    bus = makeBus(logs);
    const metrics = new Metrics('test');
    bus.observe(metrics);
    const seen = new Map<string, number>();
    const settled = new Set<string>();
    await bus.subscribe(job, { group: 'workers' }, async (d) => {
      const n = (seen.get(d.id) ?? 0) + 1;
      seen.set(d.id, n);
      if (d.permanent) {
        settled.add(d.id);
        throw new HotlineError('bad_job', 'this job can never succeed');
      }
      if (n <= d.failures) throw new HotlineError('flaky', 'not yet', { retriable: true });
      settled.add(d.id);
    });
    const out = await bus.publish('metrics.job', [
      { key: 'a', envelope: makeEnvelope(job, { id: 'ok', failures: 0, permanent: false }) },
      { key: 'a', envelope: makeEnvelope(job, { id: 'flaky', failures: 2, permanent: false }) },
      { key: 'a', envelope: makeEnvelope(job, { id: 'doomed', failures: 0, permanent: true }) },
    ]);
    expect(out.every((o) => o.ok)).toBe(true);
    const labels = { topic: 'metrics.job', group: 'workers' };
    // The dead letter is counted after it is recorded, so wait for the counter itself.
    const text = await waitFor(
      'all three jobs settled and counted',
      async () => {
        const t = await metrics.render();
        return settled.size === 3 &&
          sample(t, 'hotline_bus_events_dead_lettered_total', labels) === 1 &&
          sample(t, 'hotline_bus_events_consumed_total', labels) === 2
          ? t
          : undefined;
      },
      30000,
    );
    expect(sample(text, 'hotline_bus_events_failed_total', labels)).toBe(3);
    expect(sample(text, 'hotline_bus_events_retried_total', labels)).toBe(2);
    expect(sample(text, 'hotline_bus_handler_duration_seconds_count', labels)).toBe(5);
  }, 60000);
});
