import { describe, expect, it } from 'vitest';
import type { AppT } from '../../../i18n/useT';
import { formatIdle, idleDuration, overdueRatio } from './idle';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 27, 12);
// Echoes the key and its values, so the choice of message is what is checked.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as AppT;

describe('idleDuration', () => {
  it('counts whole days and hours, never negative', () => {
    expect(idleDuration(now - 53 * HOUR - 59 * 60_000, now)).toEqual({ days: 2, hours: 5, totalHours: 53 });
    expect(idleDuration(now - 30 * 60_000, now)).toEqual({ days: 0, hours: 0, totalHours: 0 });
    expect(idleDuration(now + HOUR, now)).toEqual({ days: 0, hours: 0, totalHours: 0 });
  });
});

describe('formatIdle', () => {
  it('says under an hour, hours, days, or days and hours', () => {
    expect(formatIdle(t, now - 10 * 60_000, now)).toBe('backlog.idle.lessThanHour');
    expect(formatIdle(t, now - 5 * HOUR, now)).toBe('backlog.idle.hours {"count":5}');
    expect(formatIdle(t, now - 48 * HOUR, now)).toBe('backlog.idle.days {"count":2}');
    expect(formatIdle(t, now - 75 * HOUR, now)).toBe('backlog.idle.daysHours {"days":3,"hours":3}');
  });
});

describe('overdueRatio', () => {
  it('compares the idle time with the team threshold', () => {
    expect(overdueRatio(now - 48 * HOUR, now, 24)).toBe(2);
    expect(overdueRatio(now - 12 * HOUR, now, 24)).toBe(0.5);
    expect(overdueRatio(now - 12 * HOUR, now, 0)).toBe(0);
  });
});
