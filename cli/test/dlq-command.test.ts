import { z } from 'zod';
import { defineEvent, InProcessBus, makeEnvelope, OutboxRelay, pendingOutboxCount, recordDeadLetter } from '@hotline/platform';
import { cliOn as cli } from './run-cli-on';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';
import { LogCapture, waitFor } from '../../test/support/pipeline';

const job = defineEvent('job.queued', 1, z.object({ id: z.string() }), (d) => d.id);

describe('hotline CLI: dead letters', () => {
  const logs = new LogCapture();
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('cli_dlq');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 3: dlq list shows dead letters and dlq replay sends them through the outbox to every group again', async () => {
    let broken = true;
    const handled: Record<string, string[]> = { a: [], b: [] };
    const bus = new InProcessBus({ logger: logs.logger, maxAttempts: 1, retryBaseMs: 1, db: t.db });
    for (const group of ['a', 'b']) {
      await bus.subscribe(job, { group }, async (e) => {
        if (broken && group === 'a') throw new Error('handler bug');
        handled[group]!.push(e.id);
      });
    }
    await bus.publish(
      job.name,
      ['one', 'two'].map((id) => ({ key: id, envelope: makeEnvelope(job, { id }) })),
    );
    await recordDeadLetter(t.db, { topic: job.name, group: 'a', reason: 'not JSON', message: null, rawText: '{garbage' });

    const listed = await cli(t, 'dlq', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toBe('3 dead letter(s) awaiting replay');
    expect(listed.out.slice(1)).toEqual([
      expect.stringMatching(/^\d+\t\S+\tjob\.queued\ta\t\S+\topen\thandler bug$/),
      expect.stringMatching(/^\d+\t\S+\tjob\.queued\ta\t\S+\topen\thandler bug$/),
      expect.stringMatching(/^\d+\t\S+\tjob\.queued\ta\t-\topen\tnot JSON$/),
    ]);
    const json = JSON.parse((await cli(t, 'dlq', 'list', '--topic', 'job.queued', '--json')).out.join('\n'));
    expect(json).toHaveLength(3);
    expect((await cli(t, 'dlq', 'list', '--topic', 'other.topic', '--json')).out).toEqual(['[]']);

    broken = false;
    const first = await cli(t, 'dlq', 'replay', json[0].id);
    expect(first).toMatchObject({ code: 0, out: ['replayed 1 dead letter(s): 1 event(s) back in the outbox'] });
    const rest = await cli(t, 'dlq', 'replay', '--all');
    expect(rest).toMatchObject({
      code: 0,
      out: ['replayed 1 dead letter(s): 1 event(s) back in the outbox'],
      err: [`skipped ${json[2].id}: not an event envelope`],
    });
    expect(await pendingOutboxCount(t.db)).toBe(2);

    const relay = new OutboxRelay({ db: t.db, bus, logger: logs.logger, pollMs: 20 });
    relay.start();
    await waitFor('the replayed events', async () => (await pendingOutboxCount(t.db)) === 0);
    await relay.stop();
    expect(handled.a!.sort()).toEqual(['one', 'two']);
    // Group b had them already; it gets them again and (being idempotent in real consumers) does nothing new.
    expect(handled.b!.sort()).toEqual(['one', 'one', 'two', 'two']);
    expect((await cli(t, 'dlq', 'list')).out).toEqual(['1 dead letter(s) awaiting replay', expect.stringContaining('not JSON')]);
    expect((await cli(t, 'dlq', 'list', '--all')).out[0]).toBe('3 dead letter(s)');

    expect(await cli(t, 'dlq', 'replay')).toMatchObject({ code: 2, err: [expect.stringMatching(/^error: dlq replay needs either --all or dead-letter ids/)] });
    expect(await cli(t, 'dlq', 'replay', '999999')).toMatchObject({ code: 2, err: ['error: no dead letter with id 999999'] });
    expect(await cli(t, 'dlq', 'replay', 'abc')).toMatchObject({ code: 2, err: [expect.stringMatching(/dead-letter ids are numbers/)] });
    await bus.close();
  });
  it('review: dlq list shows at most --limit rows (default 100, at most 1000) and says when more exist', async () => {
    for (let i = 0; i < 3; i++)
      await recordDeadLetter(t.db, { topic: job.name, group: 'a', reason: `bug ${i}`, message: makeEnvelope(job, { id: `j${i}` }), key: `j${i}` });
    const two = await cli(t, 'dlq', 'list', '--limit', '2');
    expect(two.code).toBe(0);
    expect(two.out[0]).toBe('first 2 dead letter(s) awaiting replay; more exist (raise --limit, at most 1000, or narrow with --topic)');
    expect(two.out.slice(1)).toEqual([expect.stringMatching(/bug 0$/), expect.stringMatching(/bug 1$/)]);
    const json = await cli(t, 'dlq', 'list', '--limit', '2', '--json');
    expect(JSON.parse(json.out.join('\n'))).toHaveLength(2);
    expect(json.err).toEqual([expect.stringMatching(/more exist/)]);
    expect((await cli(t, 'dlq', 'list')).out[0]).toBe('3 dead letter(s) awaiting replay');
    expect((await cli(t, 'dlq', 'list', '--limit', '3')).out[0]).toBe('3 dead letter(s) awaiting replay');
    for (const bad of ['0', '1001', 'x']) {
      expect(await cli(t, 'dlq', 'list', '--limit', bad)).toMatchObject({ code: 2, err: [expect.stringMatching(/--limit must be 1–1000/)] });
    }
  });
});
