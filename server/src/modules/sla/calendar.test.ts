import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  addBusinessTimeWithPauses,
  businessTimeBetween,
  businessTimeBetweenWithPauses,
  defineCalendar,
  isOpen,
  nextOpening,
  openIntervalsOn,
  validateCalendar,
  type BusinessCalendar,
  type OpeningInterval,
} from './calendar.js';

/**
 * Hand-checked cases. Every expected instant was worked out by hand, step by step, in the
 * comment beside it, and is written as a local time with its UTC offset.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;

const at = (isoWithOffset: string): number => {
  const ms = Date.parse(isoWithOffset);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${isoWithOffset}`);
  return ms;
};
/** Compares as ISO strings so a failure shows readable instants, not epoch numbers. */
const expectInstant = (actual: number, expected: string) => expect(new Date(actual).toISOString()).toBe(new Date(at(expected)).toISOString());
const hours = (start: string, end: string): OpeningInterval[] => [{ start, end }];

/** The calendar of the issue: Mon–Sat 08:00–20:00, Sun 09:00–17:30, Asia/Shanghai. */
const serviceHall = defineCalendar({
  weeklyHours: {
    mon: hours('08:00', '20:00'),
    tue: hours('08:00', '20:00'),
    wed: hours('08:00', '20:00'),
    thu: hours('08:00', '20:00'),
    fri: hours('08:00', '20:00'),
    sat: hours('08:00', '20:00'),
    sun: hours('09:00', '17:30'),
  },
});

const officeWeek = (interval: OpeningInterval[]) => ({ mon: interval, tue: interval, wed: interval, thu: interval, fri: interval });

/** Mon–Fri 09:00–18:00, Asia/Shanghai. */
const office = defineCalendar({ weeklyHours: officeWeek(hours('09:00', '18:00')) });

/** China's National Day 2026 (国务院办公厅 2026 arrangement): Oct 1–7 off; Sun Sep 20 and Sat Oct 10 worked. */
const NATIONAL_DAY_2026 = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
const officeWithNationalDay = defineCalendar({
  weeklyHours: officeWeek(hours('09:00', '18:00')),
  holidays: NATIONAL_DAY_2026,
  adjustedWorkdays: [
    { date: '2026-09-20', hoursOf: 'fri' },
    { date: '2026-10-10', hoursOf: 'fri' },
  ],
});

describe('business calendar: Mon–Sat 08:00–20:00 / Sun 09:00–17:30 (Asia/Shanghai)', () => {
  it('puts a 24-business-hour target from Friday 19:00 on Monday 10:30', () => {
    // Fri 2026-11-20 19:00–20:00 = 1 h (23 h left); Sat 08:00–20:00 = 12 h (11 h left);
    // Sun 09:00–17:30 = 8.5 h (2.5 h left); Mon 2026-11-23 08:00 + 2.5 h = 10:30.
    const start = at('2026-11-20T19:00+08:00');
    const due = addBusinessTime(serviceHall, start, 24 * HOUR);
    expectInstant(due, '2026-11-23T10:30+08:00');
    expect(businessTimeBetween(serviceHall, start, due)).toBe(24 * HOUR);
  });

  it('returns the closing time when the duration ends exactly there', () => {
    // Mon 2026-11-23 08:00 (opening) + 12 h = 20:00, the closing time — not Tue 08:00.
    expectInstant(addBusinessTime(serviceHall, at('2026-11-23T08:00+08:00'), 12 * HOUR), '2026-11-23T20:00+08:00');
    // Fri 19:00 + 1 h = Fri 20:00.
    expectInstant(addBusinessTime(serviceHall, at('2026-11-20T19:00+08:00'), HOUR), '2026-11-20T20:00+08:00');
  });

  it('starts counting at the next opening when started exactly at closing time', () => {
    // Mon 20:00 is closed (hours are half-open), so 1 h runs Tue 08:00–09:00.
    const closing = at('2026-11-23T20:00+08:00');
    expect(isOpen(serviceHall, closing)).toBe(false);
    expect(isOpen(serviceHall, closing - 1)).toBe(true);
    expectInstant(addBusinessTime(serviceHall, closing, HOUR), '2026-11-24T09:00+08:00');
    expectInstant(addBusinessTime(serviceHall, closing, 0), '2026-11-24T08:00+08:00');
    expectInstant(nextOpening(serviceHall, closing), '2026-11-24T08:00+08:00');
  });

  it('counts from the opening instant itself when started exactly at opening', () => {
    const opening = at('2026-11-24T08:00+08:00');
    expect(isOpen(serviceHall, opening)).toBe(true);
    expect(isOpen(serviceHall, opening - 1)).toBe(false);
    expect(addBusinessTime(serviceHall, opening, 0)).toBe(opening);
    expect(nextOpening(serviceHall, opening)).toBe(opening);
    // Tue 08:00 + 30 min = 08:30.
    expectInstant(addBusinessTime(serviceHall, opening, 30 * MINUTE), '2026-11-24T08:30+08:00');
  });

  it('uses the Sunday hours', () => {
    // Sat 2026-11-21 22:00 is closed; Sun opens 09:00; + 1 h = 10:00.
    expectInstant(addBusinessTime(serviceHall, at('2026-11-21T22:00+08:00'), HOUR), '2026-11-22T10:00+08:00');
    // Sun 17:00 + 1 h: 17:00–17:30 = 0.5 h, Mon 08:00 + 0.5 h = 08:30.
    expectInstant(addBusinessTime(serviceHall, at('2026-11-22T17:00+08:00'), HOUR), '2026-11-23T08:30+08:00');
    expectInstant(nextOpening(serviceHall, at('2026-11-21T21:00+08:00')), '2026-11-22T09:00+08:00');
  });

  it('measures the business time between two instants', () => {
    // One week Mon 00:00 → next Mon 00:00: 6 × 12 h + 8.5 h = 80.5 h.
    expect(businessTimeBetween(serviceHall, at('2026-11-23T00:00+08:00'), at('2026-11-30T00:00+08:00'))).toBe(80.5 * HOUR);
    // Fri 19:30 → Sat 08:15: 30 min + 15 min.
    expect(businessTimeBetween(serviceHall, at('2026-11-20T19:30+08:00'), at('2026-11-21T08:15+08:00'))).toBe(45 * MINUTE);
    // Entirely at night.
    expect(businessTimeBetween(serviceHall, at('2026-11-20T20:00+08:00'), at('2026-11-21T08:00+08:00'))).toBe(0);
  });

  it('measures nothing when the end is not after the start', () => {
    const t = at('2026-11-23T10:00+08:00');
    expect(businessTimeBetween(serviceHall, t, t)).toBe(0);
    expect(businessTimeBetween(serviceHall, t, t - HOUR)).toBe(0);
  });

  it('works with millisecond precision', () => {
    // Mon 19:59:59.999 + 2 ms: 1 ms left on Monday, the other at Tue 08:00:00.000 → 08:00:00.001.
    expectInstant(addBusinessTime(serviceHall, at('2026-11-23T19:59:59.999+08:00'), 2), '2026-11-24T08:00:00.001+08:00');
  });
});

describe('business calendar: National Day 2026 with its adjusted working days (调休)', () => {
  it('skips the holiday week and works the adjusted Saturday', () => {
    // Wed 2026-09-30 16:00–18:00 = 2 h (22 h left); Oct 1–7 off (Oct 3/4 a weekend anyway);
    // Thu Oct 8 = 9 h (13 h left); Fri Oct 9 = 9 h (4 h left);
    // Sat Oct 10 is a working day (Friday hours): 09:00 + 4 h = 13:00.
    const start = at('2026-09-30T16:00+08:00');
    const due = addBusinessTime(officeWithNationalDay, start, 24 * HOUR);
    expectInstant(due, '2026-10-10T13:00+08:00');
    expect(businessTimeBetween(officeWithNationalDay, start, due)).toBe(24 * HOUR);
    // Without the adjustments the same target runs over Oct 1 (a Thursday) … and lands elsewhere:
    // Sep 30 2 h, Oct 1 9 h, Oct 2 9 h (20 h), Mon Oct 5 09:00 + 4 h = 13:00.
    expectInstant(addBusinessTime(office, start, 24 * HOUR), '2026-10-05T13:00+08:00');
  });

  it('counts from the first working day when started on a holiday', () => {
    // Sat Oct 3 10:00 is a holiday (and a weekend); the next opening is Thu Oct 8 09:00; + 1 h = 10:00.
    const start = at('2026-10-03T10:00+08:00');
    expect(isOpen(officeWithNationalDay, start)).toBe(false);
    expectInstant(nextOpening(officeWithNationalDay, start), '2026-10-08T09:00+08:00');
    expectInstant(addBusinessTime(officeWithNationalDay, start, HOUR), '2026-10-08T10:00+08:00');
    // Thu Oct 1 is a normal weekday made a holiday: closed at 10:00.
    expect(isOpen(officeWithNationalDay, at('2026-10-01T10:00+08:00'))).toBe(false);
    expect(isOpen(office, at('2026-10-01T10:00+08:00'))).toBe(true);
  });

  it('opens on the adjusted Sunday before the holiday', () => {
    // Sun 2026-09-20 is worked with Friday hours.
    expect(isOpen(officeWithNationalDay, at('2026-09-20T10:00+08:00'))).toBe(true);
    expect(isOpen(officeWithNationalDay, at('2026-09-20T18:00+08:00'))).toBe(false);
    // Sat Sep 19 18:00 + 1 h → Sun Sep 20 10:00.
    expectInstant(addBusinessTime(officeWithNationalDay, at('2026-09-19T18:00+08:00'), HOUR), '2026-09-20T10:00+08:00');
  });

  it('measures the business time across the holiday', () => {
    // Sep 30 → Oct 11 (exclusive): Sep 30 9 h + Oct 8 9 h + Oct 9 9 h + Oct 10 9 h = 36 h.
    expect(businessTimeBetween(officeWithNationalDay, at('2026-09-30T00:00+08:00'), at('2026-10-11T00:00+08:00'))).toBe(36 * HOUR);
  });

  it('uses explicit hours on an adjusted workday when given', () => {
    const halfDay = defineCalendar({
      weeklyHours: officeWeek(hours('09:00', '18:00')),
      holidays: NATIONAL_DAY_2026,
      adjustedWorkdays: [{ date: '2026-10-10', hours: hours('09:00', '12:00') }],
    });
    // Sep 30 2 h + Oct 8 9 h + Oct 9 9 h = 20 h (4 h left); Sat Oct 10 09:00–12:00 = 3 h (1 h left);
    // Mon Oct 12 09:00 + 1 h = 10:00.
    expectInstant(addBusinessTime(halfDay, at('2026-09-30T16:00+08:00'), 24 * HOUR), '2026-10-12T10:00+08:00');
  });
});

describe('business calendar: several intervals per day (lunch break)', () => {
  const lunchBreak = defineCalendar({ weeklyHours: officeWeek([{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }]) });

  it('stops the clock over lunch', () => {
    // Mon 2026-11-23 11:00–12:00 = 1 h (1 h left); 13:30 + 1 h = 14:30.
    const start = at('2026-11-23T11:00+08:00');
    expectInstant(addBusinessTime(lunchBreak, start, 2 * HOUR), '2026-11-23T14:30+08:00');
    expect(businessTimeBetween(lunchBreak, start, at('2026-11-23T14:30+08:00'))).toBe(2 * HOUR);
    // A full day: 4 h + 4 h from 08:00 ends at the evening closing time.
    expectInstant(addBusinessTime(lunchBreak, at('2026-11-23T08:00+08:00'), 8 * HOUR), '2026-11-23T17:30+08:00');
  });

  it('treats the start of lunch as a closing time', () => {
    // 11:00 + 1 h = 12:00 (morning closing), not 13:30.
    expectInstant(addBusinessTime(lunchBreak, at('2026-11-23T11:00+08:00'), HOUR), '2026-11-23T12:00+08:00');
    expectInstant(addBusinessTime(lunchBreak, at('2026-11-23T12:00+08:00'), 0), '2026-11-23T13:30+08:00');
    expect(isOpen(lunchBreak, at('2026-11-23T12:45+08:00'))).toBe(false);
    expect(isOpen(lunchBreak, at('2026-11-23T13:30+08:00'))).toBe(true);
  });

  it('accepts the intervals in any order and joins touching ones', () => {
    const touching = defineCalendar({ weeklyHours: officeWeek([{ start: '12:00', end: '13:00' }, { start: '08:00', end: '12:00' }]) });
    expect(isOpen(touching, at('2026-11-23T12:00+08:00'))).toBe(true);
    // 11:00 + 2 h runs straight through noon to 13:00.
    expectInstant(addBusinessTime(touching, at('2026-11-23T11:00+08:00'), 2 * HOUR), '2026-11-23T13:00+08:00');
    expect(openIntervalsOn(touching, '2026-11-23')).toEqual([{ start: at('2026-11-23T08:00+08:00'), end: at('2026-11-23T13:00+08:00') }]);
  });
});

describe('business calendar: pauses (挂起 stops the clock)', () => {
  const start = at('2026-11-23T10:00+08:00'); // Monday

  it('moves the due time by the business time paused', () => {
    // 8 h from Mon 10:00 with no pause: 10:00–18:00 → Mon 18:00.
    expectInstant(addBusinessTime(office, start, 8 * HOUR), '2026-11-23T18:00+08:00');
    // 挂起 14:00–16:00: Mon 10–14 = 4 h, 16–18 = 2 h (2 h left), Tue 09:00 + 2 h = 11:00.
    const pauses = [{ from: at('2026-11-23T14:00+08:00'), to: at('2026-11-23T16:00+08:00') }];
    const due = addBusinessTimeWithPauses(office, start, 8 * HOUR, pauses);
    expectInstant(due, '2026-11-24T11:00+08:00');
    expect(businessTimeBetweenWithPauses(office, start, due, pauses)).toBe(8 * HOUR);
    expect(businessTimeBetween(office, start, due)).toBe(10 * HOUR);
  });

  it('takes out only the business hours of a pause', () => {
    // Paused Mon 17:00–20:00: only 17:00–18:00 is business time → due 1 h later, Tue 10:00.
    const evening = [{ from: at('2026-11-23T17:00+08:00'), to: at('2026-11-23T20:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, evening), '2026-11-24T10:00+08:00');
    // Paused overnight only: nothing changes.
    const night = [{ from: at('2026-11-23T20:00+08:00'), to: at('2026-11-24T08:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, night), '2026-11-23T18:00+08:00');
  });

  it('takes out overlapping pauses once (their union)', () => {
    // 14–16 and 15–17 overlap: union 14–17 = 3 h. Mon 10–14 = 4 h, 17–18 = 1 h (3 h left), Tue 09 + 3 h = 12:00.
    const overlapping = [
      { from: at('2026-11-23T15:00+08:00'), to: at('2026-11-23T17:00+08:00') },
      { from: at('2026-11-23T14:00+08:00'), to: at('2026-11-23T16:00+08:00') },
    ];
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, overlapping), '2026-11-24T12:00+08:00');
    expect(businessTimeBetweenWithPauses(office, start, at('2026-11-23T18:00+08:00'), overlapping)).toBe(5 * HOUR);
    const twice = [overlapping[1]!, overlapping[1]!];
    expect(businessTimeBetweenWithPauses(office, start, at('2026-11-23T18:00+08:00'), twice)).toBe(6 * HOUR);
  });

  it('counts only the part of a pause after the start', () => {
    // Paused 09:00–11:00, clock started 10:00: 10–11 is paused; 11–18 = 7 h (1 h left); Tue 10:00.
    const pauses = [{ from: at('2026-11-23T09:00+08:00'), to: at('2026-11-23T11:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, pauses), '2026-11-24T10:00+08:00');
    // A pause that ended before the start changes nothing.
    const earlier = [{ from: at('2026-11-20T09:00+08:00'), to: at('2026-11-20T11:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, earlier), '2026-11-23T18:00+08:00');
  });

  it('is due at the start of a pause when the time runs out exactly there', () => {
    // 10:00 + 4 h = 14:00, the moment the pause begins — not 16:00.
    const pauses = [{ from: at('2026-11-23T14:00+08:00'), to: at('2026-11-23T16:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 4 * HOUR, pauses), '2026-11-23T14:00+08:00');
    // A zero duration inside a pause waits for the pause to end.
    expectInstant(addBusinessTimeWithPauses(office, at('2026-11-23T15:00+08:00'), 0, pauses), '2026-11-23T16:00+08:00');
  });

  it('jumps over a pause of many days', () => {
    // Paused Mon 11:00 → Mon a week later 11:00: 1 h before, then from Mon 2026-11-30 11:00 + 1 h = 12:00.
    const pauses = [{ from: at('2026-11-23T11:00+08:00'), to: at('2026-11-30T11:00+08:00') }];
    expectInstant(addBusinessTimeWithPauses(office, start, 2 * HOUR, pauses), '2026-11-30T12:00+08:00');
  });

  it('ignores empty pauses and refuses inverted ones', () => {
    const t = at('2026-11-23T14:00+08:00');
    expectInstant(addBusinessTimeWithPauses(office, start, 8 * HOUR, [{ from: t, to: t }]), '2026-11-23T18:00+08:00');
    expect(() => addBusinessTimeWithPauses(office, start, HOUR, [{ from: t, to: t - 1 }])).toThrow(RangeError);
  });
});

describe('business calendar: 7×24', () => {
  it('counts elapsed time with the flag, ignoring holidays', () => {
    const always = defineCalendar({ alwaysOpen: true, holidays: ['2026-10-01'] });
    const start = at('2026-09-30T23:00+08:00');
    expectInstant(addBusinessTime(always, start, 26 * HOUR), '2026-10-02T01:00+08:00');
    expect(businessTimeBetween(always, start, start + 5 * HOUR)).toBe(5 * HOUR);
    expect(isOpen(always, at('2026-10-01T03:00+08:00'))).toBe(true);
    // Pauses still stop the clock: 2 h paused → due 2 h later.
    const pauses = [{ from: start + HOUR, to: start + 3 * HOUR }];
    expectInstant(addBusinessTimeWithPauses(always, start, 26 * HOUR, pauses), '2026-10-02T03:00+08:00');
    expect(businessTimeBetweenWithPauses(always, start, start + 5 * HOUR, pauses)).toBe(3 * HOUR);
  });

  it('runs across midnight with weekly hours 00:00–24:00 every day', () => {
    const allDay = hours('00:00', '24:00');
    const roundTheClock = defineCalendar({ weeklyHours: { ...officeWeek(allDay), sat: allDay, sun: allDay } });
    // Mon 23:00 + 2 h = Tue 01:00.
    expectInstant(addBusinessTime(roundTheClock, at('2026-11-23T23:00+08:00'), 2 * HOUR), '2026-11-24T01:00+08:00');
    expect(isOpen(roundTheClock, at('2026-11-24T00:00+08:00'))).toBe(true);
    expect(businessTimeBetween(roundTheClock, at('2026-11-23T07:00+08:00'), at('2026-11-30T07:00+08:00'))).toBe(7 * 24 * HOUR);
  });
});

describe('business calendar: a zone with daylight saving (Europe/Berlin)', () => {
  const allDay = hours('00:00', '24:00');
  const everyDay = (interval: OpeningInterval[]) => ({ ...officeWeek(interval), sat: interval, sun: interval });
  const berlinDaily = defineCalendar({ timeZone: 'Europe/Berlin', weeklyHours: everyDay(hours('08:00', '20:00')) });
  const berlinAllDay = defineCalendar({ timeZone: 'Europe/Berlin', weeklyHours: everyDay(allDay) });

  it('opens at 08:00 local time on both sides of the March switch', () => {
    // Sat 2026-03-28 19:00 CET (+01:00) + 2 h: 1 h until 20:00 CET; clocks go 02:00 → 03:00 on
    // Sun Mar 29; Sun opens 08:00 CEST (+02:00) = 06:00 UTC; + 1 h = 09:00 CEST = 07:00 UTC.
    // (Fixed +01:00 arithmetic would say 08:00 UTC.)
    expectInstant(addBusinessTime(berlinDaily, at('2026-03-28T19:00+01:00'), 2 * HOUR), '2026-03-29T09:00+02:00');
    expect(isOpen(berlinDaily, at('2026-03-29T07:59+02:00'))).toBe(false);
    expect(isOpen(berlinDaily, at('2026-03-29T08:00+02:00'))).toBe(true);
  });

  it('has a 23-hour day in March and a 25-hour day in October', () => {
    expect(businessTimeBetween(berlinAllDay, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(23 * HOUR);
    expect(businessTimeBetween(berlinAllDay, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(25 * HOUR);
    // Sat Mar 28 12:00 CET + 24 h of business time on a 00:00–24:00 calendar is 24 h of real
    // time: Sun Mar 29 12:00 CET would be 13:00 CEST.
    expectInstant(addBusinessTime(berlinAllDay, at('2026-03-28T12:00+01:00'), 24 * HOUR), '2026-03-29T13:00+02:00');
  });

  it('opens a shift that starts in the skipped hour at the switch, and uses the first of a repeated hour', () => {
    const nightShift = defineCalendar({ timeZone: 'Europe/Berlin', weeklyHours: everyDay(hours('02:30', '04:00')) });
    // Mar 29: 02:30 does not exist; the clock reads 03:00 CEST at the switch → open 03:00–04:00 CEST.
    expect(openIntervalsOn(nightShift, '2026-03-29')).toEqual([{ start: at('2026-03-29T03:00+02:00'), end: at('2026-03-29T04:00+02:00') }]);
    // Oct 25: 02:30 occurs twice; the shift opens at the first (CEST) and closes at 04:00 CET → 2.5 h.
    expect(openIntervalsOn(nightShift, '2026-10-25')).toEqual([{ start: at('2026-10-25T02:30+02:00'), end: at('2026-10-25T04:00+01:00') }]);
    expect(businessTimeBetween(nightShift, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(2.5 * HOUR);
    // A shift wholly inside the skipped hour does not happen that night.
    const swallowed = defineCalendar({ timeZone: 'Europe/Berlin', weeklyHours: everyDay(hours('02:00', '03:00')) });
    expect(openIntervalsOn(swallowed, '2026-03-29')).toEqual([]);
    expect(openIntervalsOn(swallowed, '2026-03-28')).toEqual([{ start: at('2026-03-28T02:00+01:00'), end: at('2026-03-28T03:00+01:00') }]);
  });

  it('handles a zone whose switch skips midnight (America/Santiago)', () => {
    // Chile moves 2026-09-06 00:00 → 01:00 (-04:00 → -03:00): that date starts at 01:00.
    const santiago = defineCalendar({ timeZone: 'America/Santiago', weeklyHours: everyDay(hours('00:00', '08:00')) });
    expect(openIntervalsOn(santiago, '2026-09-06')).toEqual([{ start: at('2026-09-06T01:00-03:00'), end: at('2026-09-06T08:00-03:00') }]);
  });
});

describe('business calendar: validation', () => {
  const valid: BusinessCalendar = office;

  it('accepts a valid calendar and defaults to Asia/Shanghai', () => {
    expect(validateCalendar(valid)).toEqual([]);
    expect(valid.timeZone).toBe('Asia/Shanghai');
  });

  it('reports each problem with its path', () => {
    const problems = validateCalendar({
      ...valid,
      timeZone: 'Mars/Olympus',
      weeklyHours: {
        ...valid.weeklyHours,
        mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }],
        tue: [{ start: '24:00', end: '24:00' }],
        wed: [{ start: '18:00', end: '09:00' }],
        thu: [{ start: '8:00', end: '25:00' }],
      },
      holidays: ['2026-02-30', '2026-10-01', '2026-10-01'],
      adjustedWorkdays: [
        { date: '2026-10-01', hoursOf: 'mon' },
        { date: '2026-10-10' },
        { date: '2026-10-11', hoursOf: 'sun' },
        { date: '2026-10-12', hours: [] },
      ],
    });
    expect(problems).toEqual([
      { path: ['timeZone'], code: 'unknown_time_zone' },
      { path: ['weeklyHours', 'mon', 1], code: 'overlapping_intervals' },
      { path: ['weeklyHours', 'tue', 0, 'start'], code: 'invalid_time' },
      { path: ['weeklyHours', 'wed', 0, 'end'], code: 'end_not_after_start' },
      { path: ['weeklyHours', 'thu', 0, 'start'], code: 'invalid_time' },
      { path: ['weeklyHours', 'thu', 0, 'end'], code: 'invalid_time' },
      { path: ['holidays', 0], code: 'invalid_date' },
      { path: ['holidays', 2], code: 'duplicate_date' },
      { path: ['adjustedWorkdays', 0, 'date'], code: 'holiday_and_workday' },
      { path: ['adjustedWorkdays', 1], code: 'workday_hours_ambiguous' },
      { path: ['adjustedWorkdays', 2, 'hoursOf'], code: 'workday_without_hours' },
      { path: ['adjustedWorkdays', 3, 'hours'], code: 'workday_without_hours' },
    ]);
  });

  it('requires some weekly hours unless the calendar is 7×24', () => {
    expect(validateCalendar({ ...valid, weeklyHours: defineCalendar({ alwaysOpen: true }).weeklyHours })).toEqual([
      { path: ['weeklyHours'], code: 'no_weekly_hours' },
    ]);
    expect(() => defineCalendar({})).toThrow(/no_weekly_hours/);
  });

  it('refuses bad arguments', () => {
    expect(() => addBusinessTime(office, at('2026-11-23T10:00+08:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(office, Number.NaN, HOUR)).toThrow(RangeError);
    expect(() => addBusinessTime(office, 1.5, HOUR)).toThrow(RangeError);
    expect(() => openIntervalsOn(office, '2026-13-01')).toThrow(RangeError);
  });
});

describe('business calendar: speed', () => {
  it('computes a month-long due time in microseconds, not by stepping through minutes', () => {
    const start = at('2026-09-01T10:00+08:00');
    addBusinessTime(officeWithNationalDay, start, 22 * 9 * HOUR); // warm the day cache
    const runs = 2_000;
    const began = performance.now();
    for (let i = 0; i < runs; i++) addBusinessTime(officeWithNationalDay, start + i * MINUTE, 22 * 9 * HOUR);
    const microsecondsEach = ((performance.now() - began) * 1000) / runs;
    // Typically ~5 µs; the bound only guards against minute-by-minute iteration (≈ 40 000 steps).
    expect(microsecondsEach).toBeLessThan(500);
  });
});
