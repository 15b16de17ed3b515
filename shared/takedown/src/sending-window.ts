import { ValidationError } from '@hotline/platform';

/** Days are 0 = Sunday … 6 = Saturday; minutes from local midnight, `end` exclusive. */
export interface SendingWindow {
  days: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
  timeZone: string;
  text: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FORMAT = /^\s*([A-Za-z,-]+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})\s+(\S+)\s*$/;

/**
 * `Mon-Fri 09:00-17:00 Europe/Amsterdam`: days (ranges and commas, `Mon-Fri,Sun`), one time range within a day
 * (17:00 is the first minute outside it; `24:00` ends at midnight) and an IANA time zone.
 */
export function parseSendingWindow(text: string): SendingWindow {
  const m = FORMAT.exec(text);
  if (!m) throw new ValidationError(`sending window ${JSON.stringify(text)} must read like "Mon-Fri 09:00-17:00 Europe/Amsterdam"`);
  const [, dayText, sh, sm, eh, em, timeZone] = m as unknown as [string, string, string, string, string, string, string];
  const days = new Set<number>();
  for (const part of dayText.toLowerCase().split(',')) {
    const [from, to] = part.split('-').map((d) => (d.length === 3 ? DAYS.indexOf(d) : -1));
    if (from === undefined || from < 0 || (to !== undefined && to < 0) || part.split('-').length > 2) {
      throw new ValidationError(`sending window: ${JSON.stringify(part)} is not a day or a day range (Mon, Tue, … Sun)`);
    }
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === (to ?? from)) break;
    }
  }
  const startMinute = Number(sh) * 60 + Number(sm);
  const endMinute = Number(eh) * 60 + Number(em);
  if (Number(sm) > 59 || Number(em) > 59 || startMinute >= endMinute || endMinute > 24 * 60) {
    throw new ValidationError(`sending window: ${sh}:${sm}-${eh}:${em} must be a range within one day, start before end`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ValidationError(`sending window: ${JSON.stringify(timeZone)} is not an IANA time zone`);
  }
  return { days, startMinute, endMinute, timeZone, text: text.trim() };
}

/**
 * The earliest moment from `now` on at which a notice may go: `now` itself inside the window (or without one),
 * else the start of the window's next working day that is not a holiday (YYYY-MM-DD in the window's zone).
 * Local times become instants through Intl, so daylight-saving changes land on the right hour.
 */
export function nextSendingTime(now: Date, window: SendingWindow | null, holidays: readonly string[]): Date {
  if (window === null) return now;
  const off = new Set(holidays);
  const local = localParts(now, window.timeZone);
  const open = (date: string, weekday: number) => window.days.has(weekday) && !off.has(date);
  if (open(local.date, local.weekday) && local.minute >= window.startMinute && local.minute < window.endMinute) return now;
  for (let d = 0; d <= 366; d++) {
    const date = addDays(local.date, d);
    if (!open(date, weekdayOf(date))) continue;
    if (d === 0 && local.minute >= window.startMinute) continue;
    return instantOf(date, window.startMinute, window.timeZone);
  }
  throw new ValidationError('sending window: no sending day in the coming year (every day a holiday?)');
}

function localParts(at: Date, timeZone: string): { date: string; minute: number; weekday: number } {
  const p = partsOf(at, timeZone);
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, minute: Number(p.hour) * 60 + Number(p.minute), weekday: weekdayOf(date) };
}

function partsOf(at: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsOf(new Date(ms), timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of a local date and minute: the offset guessed, then corrected once (the guess may straddle a change). */
function instantOf(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  let t = wall - offsetAt(wall, timeZone);
  const corrected = wall - offsetAt(t, timeZone);
  if (corrected !== t) t = corrected;
  return new Date(t);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
