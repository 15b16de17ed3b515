/**
 * The time as the pipeline sees it. Services and timers ask the clock, never `Date.now()` or SQL
 * `now()` where a decision depends on the time, so tests move time instead of sleeping.
 */
export interface Clock {
  now(): Date;
  nowMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
};

/** A clock that only moves when told to: `set` jumps to a time, `advance` moves it forward. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | number | string = Date.now()) {
    this.ms = toMs(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  set(time: Date | number | string): void {
    this.ms = toMs(time);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a clock only moves forward (asked to move ${ms} ms)`);
    this.ms += ms;
  }
}

function toMs(t: Date | number | string): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(t)}`);
  return ms;
}
