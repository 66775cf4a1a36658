import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  addBusinessTimeWithPauses,
  businessTimeBetweenWithPauses,
  defineCalendar,
  formatDate,
  isOpen,
  nextOpening,
  parseDate,
  type AdjustedWorkday,
  type BusinessCalendar,
  type OpeningInterval,
  type Pause,
  type Weekday,
} from './calendar.js';

/**
 * Properties of the calendar arithmetic over random calendars (zones with and without daylight
 * saving, several intervals a day, holidays, adjusted workdays, 7×24), random starts in
 * 2026 and random pauses. `add` and `between` must be inverse, monotonic and additive, and
 * `isOpen` must agree with an independent reading of the wall clock through Intl.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RUNS = 300;

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'] as const;
const FIRST_DAY = parseDate('2026-01-01')!;
const LAST_DAY = parseDate('2027-01-31')!;
const EARLIEST = Date.UTC(2025, 11, 28);
const LATEST = Date.UTC(2027, 0, 5);

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–3 disjoint intervals on a 5-minute grid (possibly ending 24:00), in random order. */
const dayHours: fc.Arbitrary<OpeningInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: OpeningInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: hhmm(sorted[i]! * 5), end: hhmm(sorted[i + 1]! * 5) });
    return intervals.reverse();
  });

const openMinutes = (intervals: readonly OpeningInterval[]) =>
  intervals.reduce((sum, { start, end }) => {
    const [sh, sm] = start.split(':').map(Number);
    const [eh, em] = end.split(':').map(Number);
    return sum + (eh! * 60 + em!) - (sh! * 60 + sm!);
  }, 0);

const calendarArbitrary: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    alwaysOpen: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 2),
    week: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    holidays: fc.uniqueArray(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { maxLength: 25 }),
    workdays: fc.uniqueArray(
      fc.record({
        day: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
        hoursOf: fc.constantFrom(...WEEKDAYS),
        hours: fc.option(dayHours.filter((intervals) => intervals.length > 0), { nil: undefined }),
      }),
      { maxLength: 6, selector: (workday) => workday.day },
    ),
  })
  // At least six open hours a week, so long targets stay a few years' walk at most.
  .filter(({ week, alwaysOpen }) => alwaysOpen || week.reduce((sum, day) => sum + openMinutes(day), 0) >= 360)
  .map(({ timeZone, alwaysOpen, week, holidays, workdays }) => {
    const weeklyHours = Object.fromEntries(WEEKDAYS.map((day, index) => [day, week[index]!])) as Record<Weekday, OpeningInterval[]>;
    const holidaySet = new Set(holidays);
    const openWeekdays = WEEKDAYS.filter((day) => weeklyHours[day].length > 0);
    const adjustedWorkdays: AdjustedWorkday[] = workdays
      .filter((workday) => !holidaySet.has(workday.day))
      .map((workday) =>
        workday.hours || openWeekdays.length === 0
          ? { date: formatDate(workday.day), hours: workday.hours ?? [{ start: '09:00', end: '17:00' }] }
          : { date: formatDate(workday.day), hoursOf: openWeekdays.includes(workday.hoursOf) ? workday.hoursOf : openWeekdays[0]! },
      );
    return defineCalendar({ timeZone, alwaysOpen, weeklyHours, holidays: holidays.map(formatDate), adjustedWorkdays });
  });

const instant = fc.integer({ min: EARLIEST, max: LATEST });
const duration = fc.oneof(
  fc.integer({ min: 0, max: 8 * HOUR }),
  fc.integer({ min: 0, max: 5 * DAY }),
  fc.integer({ min: 0, max: 30 * DAY }),
  fc.constantFrom(0, 1, HOUR, 24 * HOUR),
);
/** Pauses around a start: some before it, some overlapping each other, some empty. */
const pausesNear = (start: number): fc.Arbitrary<Pause[]> =>
  fc.array(
    fc.record({ offset: fc.integer({ min: -2 * DAY, max: 20 * DAY }), length: fc.integer({ min: 0, max: 3 * DAY }) }).map(({ offset, length }) => ({
      from: start + offset,
      to: start + offset + length,
    })),
    { maxLength: 4 },
  );
const scenario = fc
  .record({ calendar: calendarArbitrary, start: instant, withPauses: fc.boolean() })
  .chain(({ calendar, start, withPauses }) =>
    fc.record({
      calendar: fc.constant(calendar),
      start: fc.constant(start),
      pauses: withPauses ? pausesNear(start) : fc.constant<Pause[]>([]),
    }),
  );

const add = (calendar: BusinessCalendar, start: number, ms: number, pauses: Pause[]) => addBusinessTimeWithPauses(calendar, start, ms, pauses);
const between = (calendar: BusinessCalendar, from: number, to: number, pauses: Pause[]) =>
  businessTimeBetweenWithPauses(calendar, from, to, pauses);

describe('business calendar properties', () => {
  it('measures exactly the duration it added, and no less just before the due time', () => {
    fc.assert(
      fc.property(scenario, duration, ({ calendar, start, pauses }, ms) => {
        const due = add(calendar, start, ms, pauses);
        expect(due).toBeGreaterThanOrEqual(start);
        expect(between(calendar, start, due, pauses)).toBe(ms);
        if (ms > 0) expect(between(calendar, start, due - 1, pauses)).toBe(ms - 1);
        // A structurally equal calendar (a fresh object, as loaded from the database) agrees.
        expect(add(structuredClone(calendar), start, ms, pauses)).toBe(due);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(scenario, duration, duration, ({ calendar, start, pauses }, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(add(calendar, start, shorter, pauses)).toBeLessThanOrEqual(add(calendar, start, longer, pauses));
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the start', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 10 * DAY }), duration, ({ calendar, start, pauses }, later, ms) => {
        expect(add(calendar, start, ms, pauses)).toBeLessThanOrEqual(add(calendar, start + later, ms, pauses));
        expect(between(calendar, start, start + later, pauses)).toBeLessThanOrEqual(later);
      }),
      { numRuns: RUNS },
    );
  });

  it('adds nothing to an open instant and moves a closed one to the next opening', () => {
    fc.assert(
      fc.property(calendarArbitrary, instant, (calendar, start) => {
        const opening = nextOpening(calendar, start);
        expect(add(calendar, start, 0, [])).toBe(isOpen(calendar, start) ? start : opening);
        expect(isOpen(calendar, opening)).toBe(true);
        expect(between(calendar, start, opening, [])).toBe(0);
        if (opening > start) expect(isOpen(calendar, opening - 1)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('is additive: adding a, then b > 0, is adding a + b', () => {
    fc.assert(
      fc.property(scenario, duration, duration.filter((ms) => ms > 0), ({ calendar, start, pauses }, a, b) => {
        expect(add(calendar, add(calendar, start, a, pauses), b, pauses)).toBe(add(calendar, start, a + b, pauses));
      }),
      { numRuns: RUNS },
    );
  });

  it('measures additively over adjacent ranges, never more than elapsed time, less with pauses', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 15 * DAY }),
        fc.integer({ min: 0, max: 15 * DAY }),
        ({ calendar, start, pauses }, first, second) => {
          const middle = start + first;
          const end = middle + second;
          const whole = between(calendar, start, end, pauses);
          expect(between(calendar, start, middle, pauses) + between(calendar, middle, end, pauses)).toBe(whole);
          expect(whole).toBeLessThanOrEqual(between(calendar, start, end, []));
          expect(between(calendar, start, end, [])).toBeLessThanOrEqual(end - start);
          expect(between(calendar, end, start, pauses)).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('agrees with the wall clock read through Intl, away from daylight-saving switches', () => {
    fc.assert(
      fc.property(calendarArbitrary, fc.array(instant, { minLength: 1, maxLength: 20 }), (calendar, samples) => {
        for (const sample of samples) {
          const offset = wallClock(calendar.timeZone, sample).offset;
          const nearSwitch = [-3 * HOUR, 3 * HOUR].some((shift) => wallClock(calendar.timeZone, sample + shift).offset !== offset);
          if (!nearSwitch) expect(isOpen(calendar, sample)).toBe(openOnWallClock(calendar, sample));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('measures the minutes the wall clock says are open, away from daylight-saving switches', () => {
    fc.assert(
      fc.property(calendarArbitrary, instant, fc.integer({ min: 0, max: 2 * 24 * 60 }), (calendar, rawStart, minutes) => {
        const start = Math.floor(rawStart / MINUTE) * MINUTE;
        const end = start + minutes * MINUTE;
        fc.pre(wallClock(calendar.timeZone, start - 3 * HOUR).offset === wallClock(calendar.timeZone, end + 3 * HOUR).offset);
        let expected = 0;
        for (let minute = 0; minute < minutes; minute++) {
          if (openOnWallClock(calendar, start + minute * MINUTE)) expected += MINUTE;
        }
        expect(between(calendar, start, end, [])).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, at: number) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number) as [number, number, number, number, number];
  const offset = Date.UTC(year, month - 1, day, hour, minute) - Math.floor(at / MINUTE) * MINUTE;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7, minute: hour * 60 + minute, offset };
}

/**
 * Open or not, by reading the local clock with Intl and looking the date up by hand — an
 * oracle independent of the module's Temporal-based conversion. Callers keep it away from
 * offset changes, where "the first instant the clock reads HH:MM" needs the hand-checked cases.
 */
function openOnWallClock(calendar: BusinessCalendar, at: number): boolean {
  if (calendar.alwaysOpen) return true;
  const clock = wallClock(calendar.timeZone, at);
  const workday = calendar.adjustedWorkdays.find((adjusted) => adjusted.date === clock.date);
  const intervals = workday
    ? (workday.hours ?? calendar.weeklyHours[workday.hoursOf!])
    : calendar.holidays.includes(clock.date)
      ? []
      : calendar.weeklyHours[WEEKDAYS[clock.weekday]!];
  return intervals.some(({ start, end }) => {
    const [sh, sm] = start.split(':').map(Number);
    const [eh, em] = end.split(':').map(Number);
    return sh! * 60 + sm! <= clock.minute && clock.minute < eh! * 60 + em!;
  });
}
