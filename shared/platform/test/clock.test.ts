import { createContext, ManualClock, scheduleJob, startServices, systemClock, type Service } from '../src';
import { createPgliteTestDb } from '../../../test/support/test-db';
import { inProcessTestBus, LogCapture, testSettings, waitFor } from '../../../test/support/pipeline';

describe('the clock', () => {
  it('item 5: a manual clock stands still until it is set or advanced, and never goes back', () => {
    const clock = new ManualClock('2026-11-30T10:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.nowMs()).toBe(Date.parse('2026-11-30T10:01:30Z'));
    clock.set(new Date('2026-12-01T03:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
    expect(() => clock.set('not a time')).toThrow(/not a time/);
    expect(Math.abs(systemClock.nowMs() - Date.now())).toBeLessThan(1000);
  });

  it('item 5: the service context carries an injected clock, and its job runner moves with it instead of the wall clock', async () => {
    const t = await createPgliteTestDb();
    const logs = new LogCapture();
    const clock = new ManualClock('2026-11-30T10:00:00Z');
    const ctx = await createContext(testSettings({ JOBS_POLL_MS: '20' }), { db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, clock });
    expect(ctx.clock).toBe(clock);
    const ran: string[] = [];
    const user: Service = { name: 'timer-user', start: async () => ctx.jobs.register('remind', async (job) => void ran.push(job.key)), stop: async () => {} };
    const running = await startServices(ctx, [() => user]);
    try {
      await scheduleJob(ctx.db, { name: 'remind', key: 'in-an-hour', runAt: new Date(clock.nowMs() + 3_600_000) });
      ctx.jobs.kick();
      expect(await ctx.jobs.runDue()).toBe(0);
      clock.advance(3_600_000);
      await waitFor('the started runner to run the job', async () => ran.length === 1, 10000, 20);
      expect(ran).toEqual(['in-an-hour']);
    } finally {
      await running.stop();
      await t.drop();
    }
  });
});
