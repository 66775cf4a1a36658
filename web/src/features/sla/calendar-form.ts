import { WEEKDAY_KEYS, type CalendarBody, type CalendarInput, type HolidayImportResult, type OpeningIntervalInput, type SlaCalendar, type WeekdayKey } from '@kefu/contracts';

/** One weekday row of the editor (Monday first): closed days keep their hours, so reopening one brings them back. */
export interface WeekdayRow {
  day?: WeekdayKey;
  open: boolean;
  intervals: OpeningIntervalInput[];
}

/** 调休: a closed date worked with a weekday's hours (or its own, kept from the server as they were). */
export interface AdjustedWorkdayRow {
  date: string;
  hoursOf?: WeekdayKey;
  hours?: OpeningIntervalInput[];
}

export interface CalendarFormValues {
  name: string;
  isDefault: boolean;
  timeZone: string;
  alwaysOpen: boolean;
  week: WeekdayRow[];
  /** ISO dates (YYYY-MM-DD), sorted. */
  holidays: string[];
  adjustedWorkdays: AdjustedWorkdayRow[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_INTERVAL: OpeningIntervalInput = { start: '09:00', end: '18:00' };
const WORKING_WEEK: ReadonlySet<WeekdayKey> = new Set(['mon', 'tue', 'wed', 'thu', 'fri']);

/** A new calendar: Monday to Friday 09:00–18:00 in Beijing time. */
export function newCalendarForm(): CalendarFormValues {
  return {
    name: '',
    isDefault: false,
    timeZone: DEFAULT_TIME_ZONE,
    alwaysOpen: false,
    week: WEEKDAY_KEYS.map((day) => ({ day, open: WORKING_WEEK.has(day), intervals: [{ ...DEFAULT_INTERVAL }] })),
    holidays: [],
    adjustedWorkdays: [],
  };
}

export function calendarToForm(calendar: SlaCalendar): CalendarFormValues {
  return {
    name: calendar.name,
    isDefault: calendar.isDefault,
    timeZone: calendar.timeZone,
    alwaysOpen: calendar.alwaysOpen,
    week: WEEKDAY_KEYS.map((day) => {
      const intervals = calendar.weeklyHours[day] ?? [];
      return { day, open: intervals.length > 0, intervals: intervals.length > 0 ? intervals.map((interval) => ({ ...interval })) : [{ ...DEFAULT_INTERVAL }] };
    }),
    holidays: [...calendar.holidays].sort(),
    adjustedWorkdays: calendar.adjustedWorkdays.map((row) => ({ ...row })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** The calendar as the API takes it; `undefined` form parts (a half-built row) are left out. */
export function formToCalendarBody(values: Partial<CalendarFormValues>): CalendarBody {
  const weeklyHours = Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, [] as OpeningIntervalInput[]])) as Record<WeekdayKey, OpeningIntervalInput[]>;
  // Rows are the weekdays in order; the submitted values lack `day` (it is no form field).
  (values.week ?? []).forEach((row, index) => {
    const day = WEEKDAY_KEYS[index];
    if (!row?.open || !day) return;
    weeklyHours[day] = (row.intervals ?? []).filter((interval) => interval?.start && interval?.end).map(({ start, end }) => ({ start, end }));
  });
  return {
    timeZone: values.timeZone?.trim() || DEFAULT_TIME_ZONE,
    alwaysOpen: values.alwaysOpen ?? false,
    weeklyHours,
    holidays: [...new Set((values.holidays ?? []).filter(Boolean))].sort(),
    adjustedWorkdays: (values.adjustedWorkdays ?? [])
      .filter((row) => row?.date)
      .map((row) => (row.hoursOf ? { date: row.date, hoursOf: row.hoursOf } : row.hours ? { date: row.date, hours: row.hours } : { date: row.date, hoursOf: 'mon' as const })),
  };
}

export function formToCalendarInput(values: CalendarFormValues): CalendarInput {
  return { ...formToCalendarBody(values), name: values.name.trim(), isDefault: values.isDefault };
}

const WALL_CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function isWallClock(value: string | undefined): boolean {
  return value !== undefined && WALL_CLOCK.test(value);
}

function minutesOf(wallClock: string): number {
  const [hours = 0, minutes = 0] = wallClock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** What is wrong with one day's intervals: an end not after its start, or two that overlap. */
export function intervalsProblem(intervals: readonly Partial<OpeningIntervalInput>[]): 'format' | 'order' | 'overlap' | null {
  if (intervals.some((interval) => !isWallClock(interval?.start) || !isWallClock(interval?.end))) return 'format';
  const spans = intervals.map((interval) => [minutesOf(interval.start ?? ''), minutesOf(interval.end ?? '')] as const);
  if (spans.some(([start, end]) => end <= start)) return 'order';
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  for (let index = 1; index < sorted.length; index += 1) {
    if ((sorted[index]?.[0] ?? 0) < (sorted[index - 1]?.[1] ?? 0)) return 'overlap';
  }
  return null;
}

/**
 * Merges an iCalendar import into the form: holidays are added, adjusted working days are
 * added with the weekday's hours the user chose, and a date is never both (the import wins).
 */
export function mergeHolidayImport(values: Pick<CalendarFormValues, 'holidays' | 'adjustedWorkdays'>, imported: HolidayImportResult, hoursOf: WeekdayKey): Pick<CalendarFormValues, 'holidays' | 'adjustedWorkdays'> {
  const workdays = new Set(imported.workdays);
  const holidays = new Set([...values.holidays.filter((date) => !workdays.has(date)), ...imported.holidays]);
  const adjusted = new Map(values.adjustedWorkdays.filter((row) => !holidays.has(row.date)).map((row) => [row.date, row]));
  for (const date of imported.workdays) if (!adjusted.has(date)) adjusted.set(date, { date, hoursOf });
  return {
    holidays: [...holidays].sort(),
    adjustedWorkdays: [...adjusted.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
