import { describe, expect, it } from 'vitest';
import { defineCalendar, isOpen } from './calendar.js';
import { importHolidayCalendar } from './ical.js';

const ics = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const calendarFile = (...events: string[][]) =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kefu//test//CN', 'X-WR-TIMEZONE:Asia/Shanghai', ...events.flat(), 'END:VCALENDAR');
const allDay = (start: string, end: string | null, summary: string, ...extra: string[]) => [
  'BEGIN:VEVENT',
  `DTSTART;VALUE=DATE:${start}`,
  ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
  `SUMMARY:${summary}`,
  ...extra,
  'END:VEVENT',
];

describe('iCalendar holiday import', () => {
  it('reads China’s National Day 2026 arrangement: days off and the make-up working days', () => {
    const result = importHolidayCalendar(
      calendarFile(
        // DTEND is exclusive: Oct 1 up to (not including) Oct 8.
        allDay('20261001', '20261008', '国庆节 休'),
        allDay('20260920', '20260921', '国庆节 补班'),
        // No DTEND: one day.
        allDay('20261010', null, '国庆节 班'),
      ),
    );
    expect(result).toEqual({
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-09-20', '2026-10-10'],
      skipped: [],
    });
    // The result drops straight into a calendar.
    const calendar = defineCalendar({
      weeklyHours: { mon: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '18:00' }] },
      holidays: result.holidays,
      adjustedWorkdays: result.workdays.map((date) => ({ date, hoursOf: 'fri' as const })),
    });
    expect(isOpen(calendar, Date.parse('2026-10-10T10:00+08:00'))).toBe(true);
    expect(isOpen(calendar, Date.parse('2026-10-05T10:00+08:00'))).toBe(false);
  });

  it('understands the wordings of the common feeds and de-duplicates days', () => {
    const result = importHolidayCalendar(
      calendarFile(
        allDay('20260101', '20260102', '元旦 假期 第1天/共3天'),
        allDay('20260101', '20260104', '元旦放假'),
        allDay('20260104', '20260105', '元旦 补班 第1天/共1天'),
        allDay('20260501', null, '劳动节（休）'),
        allDay('20260502', null, '劳动节', 'CATEGORIES:假期'),
        allDay('20260509', null, '劳动节【班】'),
        allDay('20260619', null, '端午节 休息日'),
        allDay('20261011', null, '上班'),
      ),
    );
    expect(result.holidays).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-05-01', '2026-05-02', '2026-06-19']);
    expect(result.workdays).toEqual(['2026-01-04', '2026-05-09', '2026-10-11']);
    expect(result.skipped).toEqual([]);
  });

  it('unfolds long lines, unescapes text, and ignores properties of nested components', () => {
    const text = ics(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260',
      ' 405',
      'DTEND;X-NOTE="see: notice";VALUE=DATE:20260406',
      'SUMMARY:清明节\\, 假',
      '\t期',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'SUMMARY:补班',
      'TRIGGER:-PT9H',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    expect(importHolidayCalendar(text)).toEqual({ holidays: ['2026-04-05'], workdays: [], skipped: [] });
  });

  it('accepts LF-only files, a byte-order mark and DURATION', () => {
    const text = '\uFEFFBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261001\nDURATION:P3D\nSUMMARY:国庆节 休\nEND:VEVENT\nEND:VCALENDAR\n';
    expect(importHolidayCalendar(text).holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
  });

  it('reports the events it cannot classify instead of guessing', () => {
    const result = importHolidayCalendar(
      calendarFile(
        allDay('20260214', null, '春节调休'), // 调休 means the day off in some feeds, the make-up day in others
        allDay('20260312', null, '植树节'),
        allDay('20260215', null, '休/班'),
        ['BEGIN:VEVENT', 'DTSTART;TZID=Asia/Shanghai:20260101T090000', 'DTEND;TZID=Asia/Shanghai:20260101T120000', 'SUMMARY:年会 休', 'END:VEVENT'],
        allDay('20260230', null, '假期'),
        allDay('20260305', '20260301', '假期'),
        ['BEGIN:VEVENT', 'SUMMARY:假期', 'END:VEVENT'],
      ),
    );
    expect(result.holidays).toEqual([]);
    expect(result.workdays).toEqual([]);
    expect(result.skipped.map(({ summary, reason }) => [summary, reason])).toEqual([
      ['春节调休', 'unclassified'],
      ['植树节', 'unclassified'],
      ['休/班', 'ambiguous'],
      ['年会 休', 'not_all_day'],
      ['假期', 'bad_dates'],
      ['假期', 'bad_dates'],
      ['假期', 'bad_dates'],
    ]);
    expect(result.skipped[0]!.line).toBe(5);
  });

  it('leaves out a date that one event gives off and another worked, and reports both', () => {
    const result = importHolidayCalendar(calendarFile(allDay('20261001', '20261004', '国庆节 休'), allDay('20261003', null, '国庆节 补班')));
    expect(result.holidays).toEqual(['2026-10-01', '2026-10-02']);
    expect(result.workdays).toEqual([]);
    expect(result.skipped).toEqual([
      { line: 5, summary: '国庆节 休', reason: 'conflict', date: '2026-10-03' },
      { line: 10, summary: '国庆节 补班', reason: 'conflict', date: '2026-10-03' },
    ]);
  });

  it('returns nothing for an empty or non-calendar text', () => {
    expect(importHolidayCalendar('')).toEqual({ holidays: [], workdays: [], skipped: [] });
    expect(importHolidayCalendar('not a calendar')).toEqual({ holidays: [], workdays: [], skipped: [] });
  });
});
