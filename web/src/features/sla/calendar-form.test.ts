import { describe, expect, it } from 'vitest';
import type { SlaCalendar } from '@kefu/contracts';
import { calendarToForm, formToCalendarBody, formToCalendarInput, intervalsProblem, mergeHolidayImport, newCalendarForm } from './calendar-form';

const calendar: SlaCalendar = {
  id: 3,
  name: '营业厅',
  isDefault: true,
  policyCount: 2,
  updatedAt: 0,
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  weeklyHours: {
    mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '20:00' }],
    tue: [{ start: '08:00', end: '20:00' }],
    wed: [{ start: '08:00', end: '20:00' }],
    thu: [{ start: '08:00', end: '20:00' }],
    fri: [{ start: '08:00', end: '20:00' }],
    sat: [{ start: '08:00', end: '20:00' }],
    sun: [],
  },
  holidays: ['2026-10-02', '2026-10-01'],
  adjustedWorkdays: [{ date: '2026-10-10', hoursOf: 'fri' }, { date: '2026-09-27', hours: [{ start: '09:00', end: '12:00' }] }],
};

describe('calendar form ↔ API body', () => {
  it('round-trips a saved calendar', () => {
    const form = calendarToForm(calendar);
    expect(form.week.map((row) => row.open)).toEqual([true, true, true, true, true, true, false]);
    // A closed day gets a default interval ready for when it is opened.
    expect(form.week[6]?.intervals).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(form.holidays).toEqual(['2026-10-01', '2026-10-02']);
    const { id: _id, policyCount: _count, updatedAt: _at, name, isDefault, ...body } = calendar;
    expect(formToCalendarInput(form)).toEqual({
      ...body,
      name,
      isDefault,
      holidays: ['2026-10-01', '2026-10-02'],
      adjustedWorkdays: [{ date: '2026-09-27', hours: [{ start: '09:00', end: '12:00' }] }, { date: '2026-10-10', hoursOf: 'fri' }],
    });
  });

  it('sends closed days as empty and keeps their hours in the form', () => {
    const form = newCalendarForm();
    expect(formToCalendarBody(form).weeklyHours.sat).toEqual([]);
    const saturday = form.week.find((row) => row.day === 'sat');
    if (saturday) saturday.open = true;
    expect(formToCalendarBody(form).weeklyHours.sat).toEqual([{ start: '09:00', end: '18:00' }]);
  });

  it('reads the weekdays by position (the submitted rows carry no day)', () => {
    const week = newCalendarForm().week.map(({ open, intervals }) => ({ open, intervals }));
    expect(formToCalendarBody({ week }).weeklyHours.mon).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(formToCalendarBody({ week }).weeklyHours.sun).toEqual([]);
  });

    it('tolerates a half-built form (the live preview reads it while typing)', () => {
    const body = formToCalendarBody({ week: [{ day: 'mon', open: true, intervals: [{ start: '09:00', end: '' }] }], holidays: ['2026-01-01', '2026-01-01'] });
    expect(body.weeklyHours.mon).toEqual([]);
    expect(body.holidays).toEqual(['2026-01-01']);
    expect(body.timeZone).toBe('Asia/Shanghai');
  });
});

describe('intervalsProblem', () => {
  it('accepts ordered, disjoint intervals up to 24:00', () => {
    expect(intervalsProblem([{ start: '08:00', end: '12:00' }, { start: '12:00', end: '24:00' }])).toBeNull();
  });

  it('names the problem', () => {
    expect(intervalsProblem([{ start: '8:00', end: '12:00' }])).toBe('format');
    expect(intervalsProblem([{ start: '12:00', end: '12:00' }])).toBe('order');
    expect(intervalsProblem([{ start: '13:00', end: '18:00' }, { start: '08:00', end: '13:30' }])).toBe('overlap');
  });
});

describe('mergeHolidayImport', () => {
  it('adds holidays and adjusted days with the chosen hours; a date is never both', () => {
    const merged = mergeHolidayImport(
      { holidays: ['2026-01-01', '2026-10-10'], adjustedWorkdays: [{ date: '2026-10-01', hoursOf: 'mon' }, { date: '2026-02-14', hoursOf: 'tue' }] },
      { holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10', '2026-02-14'], skipped: [] },
      'fri',
    );
    expect(merged.holidays).toEqual(['2026-01-01', '2026-10-01', '2026-10-02']);
    expect(merged.adjustedWorkdays).toEqual([
      { date: '2026-02-14', hoursOf: 'tue' },
      { date: '2026-10-10', hoursOf: 'fri' },
    ]);
  });
});
