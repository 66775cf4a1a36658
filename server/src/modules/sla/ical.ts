import { formatDate, parseDate } from './calendar.js';

/**
 * Import of public holidays and adjusted working days (调休) from an iCalendar file (RFC 5545)
 * as published for China's holiday arrangement: all-day VEVENTs whose SUMMARY says whether the
 * days are off ("国庆节 休", "国庆节 假期 第1天/共7天", "元旦放假") or worked ("国庆节 补班",
 * "国庆节 班", "上班"). Parsing only — no network; the caller passes the file's text.
 *
 * An event the importer cannot classify is left out and reported, never guessed: a wrong
 * holiday silently moves every due time of that week.
 */

export interface HolidayImport {
  /** Dates 'YYYY-MM-DD' that are off, sorted, each once. */
  holidays: string[];
  /** Dates 'YYYY-MM-DD' that are worked although their weekday is normally off, sorted. */
  workdays: string[];
  /** Events left out, with the reason, so the importing user can check them by hand. */
  skipped: SkippedEvent[];
}

export type SkipReason =
  /** SUMMARY/CATEGORIES say neither "off" nor "worked" (e.g. a bare "调休", a birthday). */
  | 'unclassified'
  /** The text says both (e.g. "休/班"). */
  | 'ambiguous'
  /** DTSTART is a date-time, not a whole day. */
  | 'not_all_day'
  /** DTSTART/DTEND/DURATION missing or malformed, or the range is empty or over a year. */
  | 'bad_dates'
  /** The date is off in one event and worked in another; both are left out. */
  | 'conflict';

export interface SkippedEvent {
  /** Line (1-based, after unfolding: the line of BEGIN:VEVENT) in the file. */
  line: number;
  summary: string;
  reason: SkipReason;
  /** For 'conflict': the contested date. */
  date?: string;
}

const MAX_EVENT_DAYS = 366;

/** Reads holidays and adjusted workdays from an iCalendar text. */
export function importHolidayCalendar(icsText: string): HolidayImport {
  // date → the event that named it, to report both sides of a conflict.
  const holidays = new Map<string, { line: number; summary: string }>();
  const workdays = new Map<string, { line: number; summary: string }>();
  const skipped: SkippedEvent[] = [];

  for (const event of vevents(unfold(icsText))) {
    const summary = event.properties.get('SUMMARY')?.value ?? '';
    const kind = classify(`${summary} ${event.properties.get('CATEGORIES')?.value ?? ''}`);
    if (kind === 'unclassified' || kind === 'ambiguous') {
      skipped.push({ line: event.line, summary, reason: kind });
      continue;
    }
    const days = eventDays(event.properties);
    if (typeof days === 'string') {
      skipped.push({ line: event.line, summary, reason: days });
      continue;
    }
    for (const date of days) (kind === 'off' ? holidays : workdays).set(date, { line: event.line, summary });
  }

  for (const [date, offEvent] of holidays) {
    const workedEvent = workdays.get(date);
    if (!workedEvent) continue;
    skipped.push({ ...offEvent, reason: 'conflict', date }, { ...workedEvent, reason: 'conflict', date });
    holidays.delete(date);
    workdays.delete(date);
  }

  return {
    holidays: [...holidays.keys()].sort(),
    workdays: [...workdays.keys()].sort(),
    skipped: skipped.sort((a, b) => a.line - b.line),
  };
}

interface ContentLine {
  name: string;
  params: Map<string, string>;
  value: string;
  line: number;
}

interface VEvent {
  line: number;
  properties: Map<string, ContentLine>;
}

/**
 * RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. Files
 * in the wild use CRLF, LF or CR, so all three are accepted. Returns each logical line with
 * the physical line number it starts on.
 */
function unfold(text: string): Array<{ text: string; line: number }> {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: Array<{ text: string; line: number }> = [];
  physical.forEach((text, index) => {
    const last = logical[logical.length - 1];
    if (last && (text.startsWith(' ') || text.startsWith('\t'))) last.text += text.slice(1);
    else logical.push({ text, line: index + 1 });
  });
  return logical.filter((line) => line.text.trim() !== '');
}

/** `NAME;PARAM=value;PARAM="quoted:value":VALUE` — the first colon outside quotes ends the name part. */
function parseContentLine(text: string, line: number): ContentLine | null {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [name = '', ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ';');
  const params = new Map<string, string>();
  for (const raw of rawParams) {
    const equals = raw.indexOf('=');
    if (equals > 0) params.set(raw.slice(0, equals).toUpperCase(), raw.slice(equals + 1).replace(/^"|"$/g, ''));
  }
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1), line };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** The VEVENTs with their own properties (those of nested components such as VALARM are not theirs). */
function vevents(lines: Array<{ text: string; line: number }>): VEvent[] {
  const events: VEvent[] = [];
  let current: VEvent | null = null;
  let nested = 0;
  for (const { text, line } of lines) {
    const contentLine = parseContentLine(text, line);
    if (!contentLine) continue;
    const component = contentLine.value.trim().toUpperCase();
    if (contentLine.name === 'BEGIN') {
      if (current) nested += 1;
      else if (component === 'VEVENT') current = { line, properties: new Map() };
    } else if (contentLine.name === 'END') {
      if (current && nested > 0) nested -= 1;
      else if (current && component === 'VEVENT') {
        events.push(current);
        current = null;
      }
    } else if (current && nested === 0 && !current.properties.has(contentLine.name)) {
      current.properties.set(contentLine.name, { ...contentLine, value: unescapeText(contentLine.value) });
    }
  }
  return events;
}

/** RFC 5545 §3.3.11 TEXT escapes. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

const WORKED = ['补班', '上班', '工作日', '调班'];
const OFF = ['假期', '放假', '休息', '休假', '假日'];

/**
 * Off or worked, from the words China's holiday feeds use. A lone "休" or "班" counts only as a
 * word of its own ("国庆节 休", "（班）"), so "调休" — used by some feeds for the days off and by
 * others for the make-up working days — classifies as nothing and is reported.
 */
function classify(text: string): 'off' | 'worked' | 'unclassified' | 'ambiguous' {
  const words = text.split(/[\s()（）[\]【】「」/|,，、:：·\-_]+/).filter(Boolean);
  const worked = WORKED.some((word) => text.includes(word)) || words.includes('班');
  const off = OFF.some((word) => text.includes(word)) || words.includes('休');
  if (worked && off) return 'ambiguous';
  if (worked) return 'worked';
  if (off) return 'off';
  return 'unclassified';
}

const ICAL_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DAYS_DURATION = /^\+?P(?:(\d+)W|(\d+)D)$/;

/**
 * The dates an all-day event covers. DTEND is exclusive (RFC 5545 §3.6.1); without DTEND or
 * DURATION an all-day event lasts one day.
 */
function eventDays(properties: Map<string, ContentLine>): string[] | 'not_all_day' | 'bad_dates' {
  const start = properties.get('DTSTART');
  if (!start) return 'bad_dates';
  const isDateValue = start.params.get('VALUE')?.toUpperCase() === 'DATE' || ICAL_DATE.test(start.value.trim());
  if (!isDateValue) return 'not_all_day';
  const first = icalDate(start.value);
  if (first === null) return 'bad_dates';
  let end = first + 1;
  const dtend = properties.get('DTEND');
  const duration = properties.get('DURATION');
  if (dtend) {
    const parsed = icalDate(dtend.value);
    if (parsed === null) return 'bad_dates';
    end = parsed;
  } else if (duration) {
    const match = DAYS_DURATION.exec(duration.value.trim());
    if (!match) return 'bad_dates';
    end = first + (match[1] ? Number(match[1]) * 7 : Number(match[2]));
  }
  if (end <= first || end - first > MAX_EVENT_DAYS) return 'bad_dates';
  const days: string[] = [];
  for (let day = first; day < end; day++) days.push(formatDate(day));
  return days;
}

function icalDate(value: string): number | null {
  const match = ICAL_DATE.exec(value.trim());
  return match ? parseDate(`${match[1]}-${match[2]}-${match[3]}`) : null;
}
