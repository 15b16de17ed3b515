import { ConfigError } from '../errors';

/** How often a recurring job runs: every so many milliseconds, or once a day at a UTC time ('03:30'). */
export type Recurrence = { everyMs: number } | { dailyAt: string };

const DAY_MS = 86_400_000;

/**
 * Periods are aligned to the epoch (every N ms) or to the UTC day, so every process computes the
 * same period, and the same key, for a given time.
 */
export class Period {
  private readonly lengthMs: number;
  private readonly offsetMs: number;

  constructor(readonly recurrence: Recurrence) {
    if ('everyMs' in recurrence) {
      if (!Number.isInteger(recurrence.everyMs) || recurrence.everyMs <= 0)
        throw new ConfigError(`a recurring job's period must be a positive whole number of milliseconds (got ${recurrence.everyMs})`);
      this.lengthMs = recurrence.everyMs;
      this.offsetMs = 0;
    } else {
      const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(recurrence.dailyAt);
      if (!m) throw new ConfigError(`a daily job's time must be HH:MM in UTC (got '${recurrence.dailyAt}')`);
      this.lengthMs = DAY_MS;
      this.offsetMs = (Number(m[1]) * 60 + Number(m[2])) * 60_000;
    }
  }

  /** When the period holding `atMs` began. */
  startOf(atMs: number): number {
    return Math.floor((atMs - this.offsetMs) / this.lengthMs) * this.lengthMs + this.offsetMs;
  }

  /** When the period after the one holding `atMs` begins. */
  nextAfter(atMs: number): number {
    return this.startOf(atMs) + this.lengthMs;
  }

  /** A daily job's period is its date ('2026-11-30'), any other's the instant it starts. */
  key(startMs: number): string {
    const iso = new Date(startMs).toISOString();
    return 'dailyAt' in this.recurrence ? iso.slice(0, 10) : iso;
  }
}
