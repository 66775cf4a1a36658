import { describe, expect, it } from 'vitest';
import { workOrderSettingsSchema } from '@kefu/contracts';
import { NUMBER_PREFIX_PATTERN, normalizePrefix, numberExample, overridesToRows, rowsToOverrides } from './settings-form';

describe('numberExample', () => {
  it('is the prefix, the local date and the first sequence number', () => {
    expect(numberExample('GD', new Date(2026, 10, 27, 23, 59))).toBe('GD20261127-0001');
    expect(numberExample('KF', new Date(2026, 0, 5))).toBe('KF20260105-0001');
  });
});

describe('normalizePrefix', () => {
  it('keeps letters only, in capitals', () => {
    expect(normalizePrefix('gd')).toBe('GD');
    expect(normalizePrefix(' g-d 1')).toBe('GD');
    expect(NUMBER_PREFIX_PATTERN.test(normalizePrefix('abcdef'))).toBe(true);
    expect(NUMBER_PREFIX_PATTERN.test('ABCDEFG')).toBe(false);
    expect(NUMBER_PREFIX_PATTERN.test('')).toBe(false);
  });
});

describe('per-team threshold overrides', () => {
  it('round-trip between the API record and form rows', () => {
    const record = { '12': 8, '3': 72 };
    const rows = overridesToRows(record);
    expect(rows).toEqual([
      { departmentId: 3, hours: 72 },
      { departmentId: 12, hours: 8 },
    ]);
    expect(rowsToOverrides(rows)).toEqual(record);
  });

  it('drop incomplete rows and give a record the schema accepts', () => {
    const record = rowsToOverrides([{ departmentId: 5, hours: 4 }, { departmentId: null, hours: 3 }, { departmentId: 6 }]);
    expect(record).toEqual({ '5': 4 });
    expect(rowsToOverrides(undefined)).toEqual({});
    const settings = {
      numberPrefix: 'GD',
      reopenWindowDays: 7,
      backlogThresholdHours: 24,
      backlogThresholdByDepartment: record,
      breachingWindowHours: 4,
      defaultAgentCapacity: 20,
    };
    expect(workOrderSettingsSchema.safeParse(settings).success).toBe(true);
  });
});
