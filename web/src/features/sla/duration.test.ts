import { describe, expect, it } from 'vitest';
import { splitDuration, toMinutes } from './duration';

describe('durations', () => {
  it('picks the largest exact unit', () => {
    expect(splitDuration(2880)).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration(36 * 60)).toEqual({ amount: 36, unit: 'hours' });
    expect(splitDuration(90)).toEqual({ amount: 90, unit: 'minutes' });
  });

  it('converts back to whole minutes', () => {
    expect(toMinutes({ amount: 0.5, unit: 'hours' })).toBe(30);
    expect(toMinutes({ amount: 7, unit: 'days' })).toBe(10_080);
    for (const minutes of [1, 59, 60, 1440, 1500, 28_800]) expect(toMinutes(splitDuration(minutes))).toBe(minutes);
  });
});
