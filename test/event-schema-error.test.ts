import { contentFetched, defineEvent, EventSchemaError, isRetriable, makeEnvelope, newId } from '@hotline/platform';
import { z } from 'zod';
import { inProcessTestBus, LogCapture, waitFor } from './support/pipeline';

const fetched = (sourceUrl: string) => ({
  contentId: newId(),
  reportId: newId(),
  itemId: newId(),
  origin: 'linked' as const,
  sourceUrl,
  blobKey: 'content/x',
  mime: 'image/png',
  byteSize: 10,
});

describe('an event that does not fit its schema (item 2)', () => {
  it('item 2: makeEnvelope throws a non-retriable EventSchemaError naming the field', () => {
    const make = () => makeEnvelope(contentFetched, fetched(`https://host.example/${'x'.repeat(5000)}.png`));
    expect(make).toThrow(EventSchemaError);
    expect(make).toThrow(/content\.fetched v1: sourceUrl /);
    let thrown: unknown;
    try {
      make();
    } catch (err) {
      thrown = err;
    }
    expect(isRetriable(thrown)).toBe(false);
    expect(makeEnvelope(contentFetched, fetched('https://host.example/a.png')).data.sourceUrl).toBe('https://host.example/a.png');
  });

  it('item 2: a handler that builds an invalid event is dead-lettered on its first attempt, not retried', async () => {
    const logs = new LogCapture();
    const bus = inProcessTestBus(logs.logger);
    const ping = defineEvent('test.pinged', 1, z.object({ id: z.string() }), (d) => d.id);
    let attempts = 0;
    await bus.subscribe(ping, { group: 'g' }, async () => {
      attempts++;
      makeEnvelope(contentFetched, fetched('x'.repeat(5000)));
    });
    await bus.publish(ping.name, [{ key: 'a', envelope: makeEnvelope(ping, { id: 'a' }) }]);
    await waitFor('the dead letter', async () => logs.lines.some((l) => l.includes('dead-lettering')));
    expect(attempts).toBe(1);
    await bus.close();
  });
});
