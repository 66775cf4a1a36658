import { Temporal } from 'temporal-polyfill';

/**
 * Business-calendar arithmetic (SLA-1): when is a target due, and how much of a target's
 * business time has passed. Everything here is a pure function of (calendar, instants,
 * durations) so SLA clocks are testable without waiting and give the same answer on every
 * node. Instants are epoch milliseconds (UTC); durations are milliseconds.
 *
 * Time-zone rules (DST, historical offsets) come from Temporal via `temporal-polyfill`
 * rather than hand-written offset arithmetic: opening hours are wall-clock times in the
 * calendar's zone, and an office that opens at 08:00 opens at 08:00 local time on both
 * sides of a daylight-saving switch.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours within one day, as wall-clock times 'HH:MM' in the calendar's zone. The
 * interval is half-open: open at `start`, closed again at `end`. `end` may be '24:00' (open
 * until midnight); a night shift across midnight is two intervals, one on each day.
 */
export interface OpeningInterval {
  start: string;
  end: string;
}

/** Opening hours per weekday; a day with no intervals is closed. */
export type WeeklyHours = Readonly<Record<Weekday, readonly OpeningInterval[]>>;

/**
 * 调休: a date that is worked although its weekday is normally closed (e.g. the Saturday
 * after National Day). It is worked either with the hours of a named weekday (`hoursOf`, the
 * usual case: "work as on a Friday") or with explicit intervals (`hours`) — exactly one.
 */
export interface AdjustedWorkday {
  date: string;
  hoursOf?: Weekday;
  hours?: readonly OpeningInterval[];
}

/**
 * A business calendar as stored and edited: plain JSON-friendly data. Treat a value as
 * immutable once it has been used — compiled forms are cached per object.
 *
 * Precedence for a date: an adjusted workday uses its own hours; otherwise a holiday is
 * closed all day; otherwise the weekday's hours apply. A date may not be both.
 */
export interface BusinessCalendar {
  /** IANA zone the opening hours are read in. */
  timeZone: string;
  /**
   * 7×24: every instant is business time. Weekly hours, holidays and adjusted workdays are
   * then ignored (kept, so switching the flag off restores them).
   */
  alwaysOpen: boolean;
  weeklyHours: WeeklyHours;
  /** Dates 'YYYY-MM-DD' closed all day, whatever their weekday. */
  holidays: readonly string[];
  adjustedWorkdays: readonly AdjustedWorkday[];
}

/**
 * An interval [from, to) during which an SLA clock stands still (e.g. the order was 挂起).
 * Only business time inside a pause is taken out: a pause at night or on a holiday changes
 * nothing. Overlapping or touching pauses count as their union, so a moment paused twice is
 * taken out once. A pause with `to === from` is empty; `to < from` is an error.
 */
export interface Pause {
  from: number;
  to: number;
}

export interface CalendarInput {
  timeZone?: string;
  alwaysOpen?: boolean;
  weeklyHours?: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  holidays?: readonly string[];
  adjustedWorkdays?: readonly AdjustedWorkday[];
}

/**
 * Builds a calendar from the parts that differ from the defaults (Asia/Shanghai, closed every
 * day, no holidays) and validates it, so code and tests can state a calendar briefly.
 * @throws RangeError listing every problem, when the calendar is invalid.
 */
export function defineCalendar(input: CalendarInput): BusinessCalendar {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, input.weeklyHours?.[day] ?? []])) as unknown as WeeklyHours;
  const calendar: BusinessCalendar = {
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    alwaysOpen: input.alwaysOpen ?? false,
    weeklyHours,
    holidays: input.holidays ?? [],
    adjustedWorkdays: input.adjustedWorkdays ?? [],
  };
  compiled(calendar);
  return calendar;
}

export type CalendarProblemCode =
  | 'unknown_time_zone'
  | 'invalid_time'
  | 'end_not_after_start'
  | 'overlapping_intervals'
  | 'invalid_date'
  | 'duplicate_date'
  | 'holiday_and_workday'
  | 'workday_hours_ambiguous'
  | 'workday_without_hours'
  | 'invalid_weekday'
  | 'no_weekly_hours';

/** A problem with a calendar, located like a Zod issue so an editor can point at the field. */
export interface CalendarProblem {
  path: (string | number)[];
  code: CalendarProblemCode;
}

/**
 * Every reason the arithmetic would refuse this calendar, for editors and input schemas to
 * show before saving (the JSON shape itself is the schema's job; this checks the meaning).
 * A calendar that is not 7×24 needs some weekly hours: holidays and adjusted workdays are
 * finite lists, and a due time must always exist.
 */
export function validateCalendar(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) problems.push({ path: ['timeZone'], code: 'unknown_time_zone' });
  let weeklyIntervals = 0;
  for (const day of WEEKDAYS) {
    const intervals = calendar.weeklyHours[day] ?? [];
    problems.push(...intervalProblems(intervals, ['weeklyHours', day]));
    weeklyIntervals += intervals.length;
  }
  if (!calendar.alwaysOpen && weeklyIntervals === 0) problems.push({ path: ['weeklyHours'], code: 'no_weekly_hours' });
  const holidays = new Set<string>();
  calendar.holidays.forEach((date, index) => {
    if (parseDate(date) === null) problems.push({ path: ['holidays', index], code: 'invalid_date' });
    else if (holidays.has(date)) problems.push({ path: ['holidays', index], code: 'duplicate_date' });
    holidays.add(date);
  });
  const workdays = new Set<string>();
  calendar.adjustedWorkdays.forEach((workday, index) => {
    const path = ['adjustedWorkdays', index];
    if (parseDate(workday.date) === null) problems.push({ path: [...path, 'date'], code: 'invalid_date' });
    else if (workdays.has(workday.date)) problems.push({ path: [...path, 'date'], code: 'duplicate_date' });
    else if (holidays.has(workday.date)) problems.push({ path: [...path, 'date'], code: 'holiday_and_workday' });
    workdays.add(workday.date);
    if ((workday.hoursOf === undefined) === (workday.hours === undefined)) {
      problems.push({ path, code: 'workday_hours_ambiguous' });
    } else if (workday.hours !== undefined) {
      if (workday.hours.length === 0) problems.push({ path: [...path, 'hours'], code: 'workday_without_hours' });
      problems.push(...intervalProblems(workday.hours, [...path, 'hours']));
    } else if (!WEEKDAYS.includes(workday.hoursOf!)) {
      problems.push({ path: [...path, 'hoursOf'], code: 'invalid_weekday' });
    } else if ((calendar.weeklyHours[workday.hoursOf!] ?? []).length === 0) {
      problems.push({ path: [...path, 'hoursOf'], code: 'workday_without_hours' });
    }
  });
  return problems;
}

/** Whether `at` lies inside opening hours (intervals are half-open: closed at closing time). */
export function isOpen(calendar: BusinessCalendar, at: number): boolean {
  const compiledCalendar = compiled(calendar);
  checkInstant(at, 'at');
  if (compiledCalendar.alwaysOpen) return true;
  const spans = daySpans(compiledCalendar, localDay(compiledCalendar.timeZone, at));
  for (let i = 0; i < spans.length; i += 2) {
    if (spans[i]! <= at && at < spans[i + 1]!) return true;
  }
  return false;
}

/**
 * The first instant at or after `at` that is open: `at` itself when open, otherwise the next
 * opening time. Starting a clock outside hours counts from here.
 */
export function nextOpening(calendar: BusinessCalendar, at: number): number {
  return addBusinessTime(calendar, at, 0);
}

/**
 * The instant at which `durationMs` of business time has elapsed after `start` — a due time.
 * Starting outside hours counts from the next opening. A duration used up exactly at a closing
 * time is due at that closing time (not at the next opening), so "due today 20:00" reads as
 * the agent expects. A zero duration gives `nextOpening(start)`.
 *
 * Cost is one step per calendar day crossed (day spans are cached per calendar and zone),
 * never per minute.
 * @throws RangeError for an invalid calendar, a non-integer instant or a negative or
 *   non-integer duration — programming errors, since input is validated at the edge.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: number, durationMs: number): number {
  return addBusinessTimeWithPauses(calendar, start, durationMs, []);
}

/**
 * As `addBusinessTime`, with the clock stopped during `pauses` (see `Pause` for overlaps and
 * pauses outside hours). The due time is the earliest instant by which `durationMs` of business
 * time that was not paused has elapsed; it may equal the start of a pause (like a closing time),
 * and a zero duration gives the first open, unpaused instant at or after `start`. Pauses that
 * end before `start` change nothing; a pause still running has no end, so the caller has no
 * due time to compute until it ends (show the remaining business time instead).
 */
export function addBusinessTimeWithPauses(calendar: BusinessCalendar, start: number, durationMs: number, pauses: readonly Pause[]): number {
  const compiledCalendar = compiled(calendar);
  checkInstant(start, 'start');
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) throw new RangeError(`durationMs must be a non-negative integer, got ${durationMs}`);
  let remaining = durationMs;
  let due = Number.NaN;
  walkOpenSpans(compiledCalendar, start, normalisePauses(pauses), (from, to) => {
    if (remaining <= to - from) {
      due = from + remaining;
      return true;
    }
    remaining -= to - from;
    return false;
  });
  return due;
}

/** Business time in [from, to): how much of a target has been used. 0 when `to <= from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  return businessTimeBetweenWithPauses(calendar, from, to, []);
}

/**
 * Business time in [from, to) that falls outside every pause — the clock of an order that
 * was suspended in between. A pause only takes out business time, and overlapping pauses are
 * taken out once (their union).
 */
export function businessTimeBetweenWithPauses(calendar: BusinessCalendar, from: number, to: number, pauses: readonly Pause[]): number {
  const compiledCalendar = compiled(calendar);
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (to <= from) return 0;
  let total = 0;
  walkOpenSpans(compiledCalendar, from, normalisePauses(pauses), (spanFrom, spanTo) => {
    if (spanFrom >= to) return true;
    total += Math.min(spanTo, to) - spanFrom;
    return spanTo >= to;
  });
  return total;
}

/**
 * The opening hours of one date as instants, e.g. for an editor's preview or to see how a
 * daylight-saving switch shortens a day. A wall-clock time the switch skips opens or closes at
 * the switch (02:30 on a spring-forward night means 03:00); a time that occurs twice means its
 * first occurrence — in general, the first instant the local clock reads that time or later.
 */
export function openIntervalsOn(calendar: BusinessCalendar, date: string): Array<{ start: number; end: number }> {
  const compiledCalendar = compiled(calendar);
  const day = parseDate(date);
  if (day === null) throw new RangeError(`invalid date ${date}`);
  if (compiledCalendar.alwaysOpen) {
    return [{ start: frame(compiledCalendar.timeZone, day).start, end: frame(compiledCalendar.timeZone, day + 1).start }];
  }
  const spans = daySpans(compiledCalendar, day);
  const intervals: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < spans.length; i += 2) intervals.push({ start: spans[i]!, end: spans[i + 1]! });
  return intervals;
}

// ---------------------------------------------------------------------------------------------
// Compilation: validated calendars in the shape the arithmetic needs.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** Instants are kept well inside Temporal's range (±8.64e15 ms) so day ±1 always exists. */
const MAX_INSTANT = 8.64e15 - 2 * MS_PER_DAY;
/** More closed days in a row than this means the calendar can never open again. */
const MAX_CLOSED_DAYS = 3660;
const DAY_CACHE_LIMIT = 20_000;
const EMPTY: readonly number[] = [];

interface CompiledCalendar {
  timeZone: string;
  alwaysOpen: boolean;
  /** Per weekday (0 = Monday): flat [startMinute, endMinute, …], sorted. */
  weekly: readonly (readonly number[])[];
  holidays: ReadonlySet<number>;
  workdays: ReadonlyMap<number, readonly number[]>;
  /** Day number → flat [startMs, endMs, …] of that local day's opening hours. */
  spans: Map<number, readonly number[]>;
}

const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compiled(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new RangeError(`invalid business calendar: ${problems.map((problem) => `${problem.path.join('.')} ${problem.code}`).join('; ')}`);
  }
  const weekly = WEEKDAYS.map((day) => intervalMinutes(calendar.weeklyHours[day]));
  const workdays = new Map<number, readonly number[]>();
  for (const workday of calendar.adjustedWorkdays) {
    const minutes = workday.hours ? intervalMinutes(workday.hours) : weekly[WEEKDAYS.indexOf(workday.hoursOf!)]!;
    workdays.set(parseDate(workday.date)!, minutes);
  }
  const result: CompiledCalendar = {
    timeZone: calendar.timeZone,
    alwaysOpen: calendar.alwaysOpen,
    weekly,
    holidays: new Set(calendar.holidays.map((date) => parseDate(date)!)),
    workdays,
    spans: new Map(),
  };
  compiledCalendars.set(calendar, result);
  return result;
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function timeMinutes(time: string): number | null {
  const match = TIME.exec(time);
  if (!match) return null;
  return match[3] ? MINUTES_PER_DAY : Number(match[1]) * 60 + Number(match[2]);
}

function intervalProblems(intervals: readonly OpeningInterval[], path: (string | number)[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const parsed: Array<{ start: number; end: number; index: number }> = [];
  intervals.forEach((interval, index) => {
    const start = timeMinutes(interval.start);
    const end = timeMinutes(interval.end);
    if (start === null || start === MINUTES_PER_DAY) problems.push({ path: [...path, index, 'start'], code: 'invalid_time' });
    if (end === null) problems.push({ path: [...path, index, 'end'], code: 'invalid_time' });
    if (start === null || end === null || start === MINUTES_PER_DAY) return;
    if (end <= start) problems.push({ path: [...path, index, 'end'], code: 'end_not_after_start' });
    else parsed.push({ start, end, index });
  });
  parsed.sort((a, b) => a.start - b.start);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.start < parsed[i - 1]!.end) problems.push({ path: [...path, parsed[i]!.index], code: 'overlapping_intervals' });
  }
  return problems;
}

/** Valid, non-overlapping intervals as sorted flat minutes; touching intervals are joined. */
function intervalMinutes(intervals: readonly OpeningInterval[]): readonly number[] {
  const sorted = intervals
    .map((interval) => [timeMinutes(interval.start)!, timeMinutes(interval.end)!] as const)
    .sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [start, end] of sorted) {
    if (flat.length > 0 && flat[flat.length - 1] === start) flat[flat.length - 1] = end;
    else flat.push(start, end);
  }
  return flat;
}

const knownTimeZones = new Set<string>();

function isKnownTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false;
  }
  knownTimeZones.add(timeZone);
  return true;
}

function checkInstant(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_INSTANT) throw new RangeError(`${name} must be an epoch-millisecond integer, got ${value}`);
}

// ---------------------------------------------------------------------------------------------
// Days. A "day number" counts calendar dates from 1970-01-01 (day 0); it names a local date in
// the calendar's zone, with no time zone in it — the zone enters only through `frame`.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → day number, or null when it is not a real date. */
export function parseDate(date: string): number | null {
  const match = typeof date === 'string' ? DATE.exec(date) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** Day number → 'YYYY-MM-DD'. */
export function formatDate(dayNumber: number): string {
  const utc = new Date(dayNumber * MS_PER_DAY);
  const year = String(utc.getUTCFullYear()).padStart(4, '0');
  return `${year}-${String(utc.getUTCMonth() + 1).padStart(2, '0')}-${String(utc.getUTCDate()).padStart(2, '0')}`;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
function weekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/**
 * Where a local date lies on the timeline in one zone: from its first instant (`start`, the
 * local midnight unless a switch skips it) to the next date's first instant. `regular` days
 * have a 00:00 start, 24 hours and no offset change, so a wall-clock minute m is start + m
 * minutes; other days ask Temporal per boundary (`irregular` caches the answers).
 */
interface DayFrame {
  start: number;
  end: number;
  regular: boolean;
  irregular?: Map<number, number>;
}

const frames = new Map<string, Map<number, DayFrame>>();

function frame(timeZone: string, dayNumber: number): DayFrame {
  let zoneFrames = frames.get(timeZone);
  if (!zoneFrames) {
    zoneFrames = new Map();
    frames.set(timeZone, zoneFrames);
  }
  const cached = zoneFrames.get(dayNumber);
  if (cached) return cached;
  if (zoneFrames.size >= DAY_CACHE_LIMIT) zoneFrames.clear();
  const startOfDay = plainDate(dayNumber).toZonedDateTime(timeZone);
  const end = plainDate(dayNumber + 1).toZonedDateTime(timeZone).epochMilliseconds;
  const start = startOfDay.epochMilliseconds;
  const transition = startOfDay.getTimeZoneTransition('next');
  const regular =
    startOfDay.hour === 0 &&
    startOfDay.minute === 0 &&
    end - start === MS_PER_DAY &&
    (transition === null || transition.epochMilliseconds >= end);
  const result: DayFrame = { start, end, regular };
  zoneFrames.set(dayNumber, result);
  return result;
}

function plainDate(dayNumber: number): Temporal.PlainDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return new Temporal.PlainDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/**
 * The first instant at which the local clock on that date reads `minute` or later. Monotonic in
 * `minute`, so valid wall-clock intervals never turn inside out across a DST switch.
 */
function wallClockInstant(timeZone: string, dayNumber: number, minute: number): number {
  const dayFrame = frame(timeZone, dayNumber);
  if (minute === MINUTES_PER_DAY) return dayFrame.end;
  if (dayFrame.regular) return dayFrame.start + minute * MS_PER_MINUTE;
  dayFrame.irregular ??= new Map();
  const cached = dayFrame.irregular.get(minute);
  if (cached !== undefined) return cached;
  const wallClock = plainDate(dayNumber).toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 });
  // 'earlier' resolves a repeated time to its first occurrence. A skipped time it places just
  // before the switch (the clock shows something else there); the switch itself is then the
  // first instant the clock reads that time or later.
  const zoned = wallClock.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  let instant = zoned.epochMilliseconds;
  if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), wallClock) !== 0) {
    instant = zoned.getTimeZoneTransition('next')?.epochMilliseconds ?? instant;
  }
  instant = Math.max(dayFrame.start, Math.min(instant, dayFrame.end));
  dayFrame.irregular.set(minute, instant);
  return instant;
}

/** The local date (day number) in `timeZone` that contains instant `at`. */
function localDay(timeZone: string, at: number): number {
  // Offsets are within ±1 day, so the local date is the UTC date or one of its neighbours.
  const utcDay = Math.floor(at / MS_PER_DAY);
  for (const candidate of [utcDay, utcDay + 1, utcDay - 1]) {
    const dayFrame = frame(timeZone, candidate);
    if (dayFrame.start <= at && at < dayFrame.end) return candidate;
  }
  throw new RangeError(`no local date contains ${at} in ${timeZone}`);
}

/** Opening hours of one local date as flat instants [start, end, …], sorted and disjoint. */
function daySpans(calendar: CompiledCalendar, dayNumber: number): readonly number[] {
  const cached = calendar.spans.get(dayNumber);
  if (cached) return cached;
  const minutes = calendar.workdays.get(dayNumber) ?? (calendar.holidays.has(dayNumber) ? EMPTY : calendar.weekly[weekdayIndex(dayNumber)]!);
  let spans: readonly number[] = EMPTY;
  if (minutes.length > 0) {
    const instants: number[] = [];
    for (let i = 0; i < minutes.length; i += 2) {
      const start = wallClockInstant(calendar.timeZone, dayNumber, minutes[i]!);
      const end = wallClockInstant(calendar.timeZone, dayNumber, minutes[i + 1]!);
      if (end <= start) continue; // swallowed by a DST switch
      if (instants.length > 0 && instants[instants.length - 1] === start) instants[instants.length - 1] = end;
      else instants.push(start, end);
    }
    spans = instants;
  }
  if (calendar.spans.size >= DAY_CACHE_LIMIT) calendar.spans.clear();
  calendar.spans.set(dayNumber, spans);
  return spans;
}

/** Pauses as a sorted union, flat [from, to, …] with no two touching. */
function normalisePauses(pauses: readonly Pause[]): readonly number[] {
  if (pauses.length === 0) return EMPTY;
  for (const pause of pauses) {
    checkInstant(pause.from, 'pause.from');
    checkInstant(pause.to, 'pause.to');
    if (pause.to < pause.from) throw new RangeError(`pause ends before it starts: ${pause.from} > ${pause.to}`);
  }
  const sorted = pauses.filter((pause) => pause.to > pause.from).sort((a, b) => a.from - b.from);
  const flat: number[] = [];
  for (const pause of sorted) {
    if (flat.length > 0 && pause.from <= flat[flat.length - 1]!) flat[flat.length - 1] = Math.max(flat[flat.length - 1]!, pause.to);
    else flat.push(pause.from, pause.to);
  }
  return flat;
}

/**
 * Calls `visit(from, to)` for each stretch of open, unpaused time at or after `start`, in order,
 * until it returns true. Works a day at a time; a pause covering whole days is jumped over.
 * A 7×24 calendar is one endless stretch (`to` = Infinity) minus the pauses.
 */
function walkOpenSpans(
  calendar: CompiledCalendar,
  start: number,
  pauses: readonly number[],
  visit: (from: number, to: number) => boolean,
): void {
  let pause = 0;
  const emit = (spanStart: number, spanEnd: number): boolean => {
    let cursor = spanStart;
    while (cursor < spanEnd) {
      while (pause < pauses.length && pauses[pause + 1]! <= cursor) pause += 2;
      if (pause >= pauses.length || pauses[pause]! >= spanEnd) return visit(cursor, spanEnd);
      if (pauses[pause]! > cursor && visit(cursor, pauses[pause]!)) return true;
      cursor = pauses[pause + 1]!;
    }
    return false;
  };
  if (calendar.alwaysOpen) {
    emit(start, Number.POSITIVE_INFINITY);
    return;
  }
  let day = localDay(calendar.timeZone, start);
  let closedDays = 0;
  for (;;) {
    const dayFrame = frame(calendar.timeZone, day);
    while (pause < pauses.length && pauses[pause + 1]! <= dayFrame.start) pause += 2;
    if (pause < pauses.length && pauses[pause]! <= Math.max(start, dayFrame.start) && pauses[pause + 1]! >= dayFrame.end) {
      day = localDay(calendar.timeZone, Math.min(pauses[pause + 1]!, MAX_INSTANT));
      continue;
    }
    const spans = daySpans(calendar, day);
    if (spans.length === 0) {
      if (++closedDays > MAX_CLOSED_DAYS) throw new RangeError(`calendar has no business hours in ${MAX_CLOSED_DAYS} days after ${start}`);
    } else {
      closedDays = 0;
    }
    for (let i = 0; i < spans.length; i += 2) {
      const spanEnd = spans[i + 1]!;
      if (spanEnd <= start) continue;
      if (emit(Math.max(spans[i]!, start), spanEnd)) return;
    }
    day += 1;
  }
}
