import { Semaphore } from '../src/bus/semaphore';

describe('the bus semaphore', () => {
  it('item 12: a caller arriving between a release and the woken waiter never pushes it over its limit', async () => {
    const sem = new Semaphore(1);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      sem.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      });
    const first = task();
    const waiter = task();
    await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(1);
    // Release the first holder; in the same turn (before the woken waiter resumes) a newcomer arrives.
    gates.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    const newcomer = task();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(peak).toBe(1);
    expect(gates).toHaveLength(1);
    gates.shift()!();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(1);
    gates.shift()!();
    await Promise.all([first, waiter, newcomer]);
    expect(peak).toBe(1);
  });
});
