import { z } from 'zod';
import { defineEvent, FetchFailedError, HotlineError, InfrastructureError, InProcessBus, isInfrastructureError, listDeadLetters, makeEnvelope } from '../src';
import { createPgTestDb, type TestDb } from '../../../test/support/test-db';
import { LogCapture, waitFor } from '../../../test/support/pipeline';

const job = defineEvent('job.queued', 1, z.object({ id: z.string() }), (d) => d.id);

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('deliveries during an outage', () => {
  const logs = new LogCapture();
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('outage_delivery');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 3: recognises database and broker outages as infrastructure errors, and nothing else', () => {
    expect(isInfrastructureError(refused())).toBe(true);
    expect(isInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isInfrastructureError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isInfrastructureError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isInfrastructureError(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isInfrastructureError(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toBe(true);
    expect(isInfrastructureError(new InfrastructureError('broker away'))).toBe(true);
    const kafka = Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
    expect(isInfrastructureError(Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause: kafka }))).toBe(true);
    expect(isInfrastructureError(new Error('something else broke'))).toBe(false);
    expect(isInfrastructureError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  it('review: 08P01 (protocol violation) is not an outage; the connection-failure 08 codes are', () => {
    for (const code of ['08000', '08001', '08003', '08004', '08006']) {
      expect(isInfrastructureError(Object.assign(new Error('connection problem'), { code }))).toBe(true);
    }
    expect(isInfrastructureError(Object.assign(new Error('protocol violation'), { code: '08P01' }))).toBe(false);
    expect(isInfrastructureError(Object.assign(new Error('some 08 code'), { code: '08007' }))).toBe(false);
  });

  it('review: the cause chain is not followed through a HotlineError that is not an InfrastructureError', () => {
    // A fetch failure whose cause came from a reported (possibly hostile) host must never pause a partition.
    expect(isInfrastructureError(Object.assign(new FetchFailedError('site down'), { cause: refused() }))).toBe(false);
    expect(isInfrastructureError(new HotlineError('fetch_failed', 'x', { cause: new Error('Connection terminated unexpectedly') }))).toBe(false);
    expect(isInfrastructureError(new HotlineError('fetch_failed', 'x', { cause: new InfrastructureError('db away') }))).toBe(false);
    // Plain errors and InfrastructureErrors are still looked through.
    expect(isInfrastructureError(new Error('wrapped', { cause: refused() }))).toBe(true);
    expect(isInfrastructureError(new InfrastructureError('db away', refused()))).toBe(true);
  });

  it('item 3: an infrastructure error is retried past BUS_MAX_ATTEMPTS and never dead-lettered; an ordinary one is dead-lettered durably', async () => {
    const bus = new InProcessBus({ logger: logs.logger, maxAttempts: 3, retryBaseMs: 5, db: t.db });
    const done: string[] = [];
    let calls = 0;
    await bus.subscribe(job, { group: 'worker' }, async (e) => {
      if (e.id === 'poison') throw new Error('cannot handle this one');
      if (++calls <= 8) throw refused();
      done.push(e.id);
    });
    const outcomes = await bus.publish(job.name, [
      { key: 'a', envelope: makeEnvelope(job, { id: 'a' }) },
      { key: 'poison', envelope: makeEnvelope(job, { id: 'poison' }) },
    ]);
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(done).toEqual(['a']);
    expect(calls).toBe(9);
    const dead = await listDeadLetters(t.db);
    expect(dead).toEqual([expect.objectContaining({ topic: 'job.queued', group: 'worker', reason: 'cannot handle this one' })]);
    await waitFor('an outage warning', async () => logs.lines.some((l) => l.includes('infrastructure unavailable')));
    // Rate-limited: eight back-off steps (about 1.3 s in all) log once, not once per step.
    expect(logs.lines.filter((l) => l.includes('infrastructure unavailable'))).toHaveLength(1);
    await bus.close();
  });

  it('item 3: if the dead letter cannot be recorded, the delivery fails instead of losing the event', async () => {
    const bus = new InProcessBus({ logger: logs.logger, maxAttempts: 1, retryBaseMs: 5, db: t.db });
    await bus.subscribe(job, { group: 'worker' }, async () => {
      throw new Error('cannot handle this one');
    });
    await t.db.exec('DROP TABLE dead_letters');
    const outcomes = await bus.publish(job.name, [{ key: 'x', envelope: makeEnvelope(job, { id: 'x' }) }]);
    expect(outcomes).toEqual([{ ok: false, reason: expect.stringMatching(/dead_letters/), permanent: false }]);
  });
});
