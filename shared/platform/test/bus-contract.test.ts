import { z } from 'zod';
import { defineEvent, makeEnvelope, type Bus } from '../src';
import { inProcessTestBus, kafkaTestBus, LogCapture, waitFor } from '../../../test/support/pipeline';

const thing = defineEvent('thing.happened', 1, z.object({ id: z.string(), n: z.number().int() }), (d) => d.id);

const implementations: Array<[string, (logs: LogCapture) => Bus]> = [
  ['in-process', (logs) => inProcessTestBus(logs.logger)],
  ['Kafka', (logs) => kafkaTestBus(logs.logger)],
];

describe.each(implementations)('the %s bus', (_name, make) => {
  let bus: Bus;
  const logs = new LogCapture();

  beforeEach(() => {
    bus = make(logs);
  });

  afterEach(async () => {
    await bus.close();
  });

  const publish = (...events: Array<{ id: string; n: number }>) =>
    bus.publish(
      thing.name,
      events.map((e) => ({ key: e.id, envelope: makeEnvelope(thing, e) })),
    );

  it('delivers every event to every group', async () => {
    const a: number[] = [];
    const b: number[] = [];
    await bus.subscribe(thing, { group: 'a' }, async (e) => void a.push(e.n));
    await bus.subscribe(thing, { group: 'b', concurrency: 3 }, async (e) => void b.push(e.n));
    await publish({ id: 'x', n: 1 }, { id: 'y', n: 2 }, { id: 'z', n: 3 });
    await waitFor('both groups to get three events', async () => a.length === 3 && b.length === 3);
    expect(a.sort()).toEqual([1, 2, 3]);
    expect(b.sort()).toEqual([1, 2, 3]);
  });

  it('retries a failing handler and then delivers the event', async () => {
    let calls = 0;
    const done: number[] = [];
    await bus.subscribe(thing, { group: 'retry' }, async (e, ctx) => {
      calls++;
      if (ctx.attempt < 3) throw new Error('database briefly away');
      done.push(e.n);
    });
    await publish({ id: 'r', n: 7 });
    await waitFor('the third attempt to succeed', async () => done.length === 1);
    expect(calls).toBe(3);
  });

  it('dead-letters an invalid event and keeps delivering the ones behind it', async () => {
    const seen: number[] = [];
    await bus.subscribe(thing, { group: 'dlq' }, async (e) => void seen.push(e.n));
    await bus.publish(thing.name, [
      { key: 'bad', envelope: { ...makeEnvelope(thing, { id: 'bad', n: 0 }), data: { id: 'bad', n: 'not a number' } } },
      { key: 'bad2', envelope: { ...makeEnvelope(thing, { id: 'bad2', n: 0 }), version: 99 } },
    ]);
    await publish({ id: 'good', n: 5 });
    await waitFor('the good event', async () => seen.includes(5));
    expect(seen).toEqual([5]);
    await waitFor('the dead letters to be logged', async () => logs.lines.filter((l) => l.includes('dead-lettering an invalid event')).length >= 2);
    expect(logs.lines.join('\n')).toContain('unsupported thing.happened version 99');
  });
});
