import { ValidationError } from '@hotline/platform';
import { nextSendingTime, parseSendingWindow } from '../src';

const office = parseSendingWindow('Mon-Fri 09:00-17:00 Europe/Amsterdam');
const next = (iso: string, holidays: string[] = []) => nextSendingTime(new Date(iso), office, holidays).toISOString();

describe('sending windows', () => {
  it('parses days, hours and the zone', () => {
    expect([...office.days].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(office).toMatchObject({ startMinute: 540, endMinute: 1020, timeZone: 'Europe/Amsterdam' });
    expect([...parseSendingWindow('Fri-Mon,Wed 08:30-24:00 UTC').days].sort()).toEqual([0, 1, 3, 5, 6]);
  });

  it.each([
    '',
    'Mon-Fri 09:00 Europe/Amsterdam',
    'Mon-Fry 09:00-17:00 UTC',
    'Mon-Fri 17:00-09:00 UTC',
    'Mon-Fri 09:00-17:60 UTC',
    'Mon-Fri 09:00-17:00 Mars/Olympus',
  ])('refuses %j with a typed error', (text) => {
    expect(() => parseSendingWindow(text)).toThrow(ValidationError);
  });

  it('sends now inside the window and without one', () => {
    expect(next('2025-03-26T10:15:00.000Z')).toBe('2025-03-26T10:15:00.000Z'); // Wed 11:15 CET
    expect(nextSendingTime(new Date('2025-03-29T23:00:00Z'), null, ['2025-03-30']).toISOString()).toBe('2025-03-29T23:00:00.000Z');
  });

  it('waits for the start of the day before opening time, and for the next day after closing', () => {
    expect(next('2025-03-26T06:00:00.000Z')).toBe('2025-03-26T08:00:00.000Z'); // 07:00 CET → 09:00 CET
    expect(next('2025-03-26T16:00:00.000Z')).toBe('2025-03-27T08:00:00.000Z'); // 17:00 CET is closed
  });

  it('goes over a weekend with a change to summer time', () => {
    // Fri 28 March 18:00 CET; clocks go forward on Sunday 30 March; Monday 09:00 is CEST (UTC+2).
    expect(next('2025-03-28T17:00:00.000Z')).toBe('2025-03-31T07:00:00.000Z');
  });

  it('goes over a weekend with a change back to winter time', () => {
    // Fri 24 October 18:00 CEST; clocks go back on Sunday 26 October; Monday 09:00 is CET (UTC+1).
    expect(next('2025-10-24T16:00:00.000Z')).toBe('2025-10-27T08:00:00.000Z');
  });

  it('skips holidays in the window’s zone', () => {
    // Easter Monday 2025-04-21 is a holiday: Tuesday 09:00 CEST.
    expect(next('2025-04-18T16:00:00.000Z', ['2025-04-21'])).toBe('2025-04-22T07:00:00.000Z');
    // Inside working hours on a holiday: not now.
    expect(next('2025-04-21T09:00:00.000Z', ['2025-04-21'])).toBe('2025-04-22T07:00:00.000Z');
    // The zone decides the date: 23:30 UTC on the 21st is already the 22nd in Amsterdam (01:30 CEST).
    expect(next('2025-04-21T23:30:00.000Z', ['2025-04-21'])).toBe('2025-04-22T07:00:00.000Z');
  });

  it('works in a zone west of UTC', () => {
    const ny = parseSendingWindow('Mon-Fri 09:00-17:00 America/New_York');
    // Sat 8 March 2025; US summer time starts Sunday 9 March: Monday 09:00 EDT = 13:00 UTC.
    expect(nextSendingTime(new Date('2025-03-08T15:00:00Z'), ny, []).toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });
});
