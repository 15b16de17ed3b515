import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, KafkaBus, makeEnvelope, Metrics } from '../src';
import { LogCapture, waitFor } from '../../../test/support/pipeline';
import { sample } from '../../../test/support/metrics-text';

const tick = defineEvent('lag.tick', 1, z.object({ id: z.string() }), (d) => d.id);

function lagPartitions(text: string): string[] {
  return [...text.matchAll(/^hotline_kafka_consumer_lag\{[^}]*partition="(\d+)"[^}]*\} /gm)].map((m) => m[1]!).sort();
}

describe('Kafka consumer lag', () => {
  const logs = new LogCapture();
  const prefix = `lag${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
  const buses: KafkaBus[] = [];
  const bus = () => {
    const b = new KafkaBus({
      brokers: process.env.TEST_KAFKA_BROKERS!.split(','),
      clientId: 'hotline-test',
      topicPrefix: prefix,
      partitions: 3,
      sessionTimeoutMs: 6000,
      maxAttempts: 3,
      retryBaseMs: 50,
      logger: logs.logger,
    });
    buses.push(b);
    return b;
  };
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it('item 4: each member reports lag only for the partitions it holds, before and after a rebalance', async () => {
    const first = bus();
    const firstMetrics = new Metrics('first');
    first.observe(firstMetrics);
    let handled = 0;
    await first.subscribe(tick, { group: 'g' }, async () => void handled++);
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, envelope: makeEnvelope(tick, { id: `e${i}` }) }));
    expect((await first.publish('lag.tick', messages)).every((o) => o.ok)).toBe(true);
    await waitFor('every tick handled', async () => handled >= 30, 30000);
    const all = await waitFor('lag of all three partitions', async () => {
      const p = lagPartitions(await firstMetrics.render());
      return p.length === 3 ? p : undefined;
    });
    expect(all).toEqual(['0', '1', '2']);
    expect(sample(await firstMetrics.render(), 'hotline_kafka_consumer_lag', { topic: 'lag.tick', group: 'g' })).toBe(0);

    const second = bus();
    const secondMetrics = new Metrics('second');
    second.observe(secondMetrics);
    await second.subscribe(tick, { group: 'g' }, async () => void handled++);
    // After the rebalance the first member holds fewer partitions and stops reporting the others.
    const kept = await waitFor(
      'the first member to drop the partitions it gave up',
      async () => {
        const p = lagPartitions(await firstMetrics.render());
        return p.length > 0 && p.length < 3 ? p : undefined;
      },
      40000,
    );
    expect(kept.length).toBeLessThan(3);
  }, 60000);
});
