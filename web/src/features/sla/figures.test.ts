import { describe, expect, it } from 'vitest';
import type { SlaFiguresRow } from '@kefu/contracts';
import { chartRows, hours, percent } from './figures';

const row = (orders: number, id: number): SlaFiguresRow => ({
  category: { id, name: `c${id}` },
  orders,
  responseMeasured: 0,
  responseMet: 0,
  responseAttainment: null,
  resolutionMeasured: 0,
  resolutionMet: 0,
  resolutionAttainment: null,
  averageResolutionMinutes: null,
  maxResolutionMinutes: null,
  averageTargetMinutes: null,
  averageTargetMet: null,
  postponed: 0,
  postponementRate: null,
  overrides: 0,
  escalated: 0,
});

describe('figures helpers', () => {
  it('rounds shares and hours to one decimal, keeping gaps', () => {
    expect(percent(0.8734)).toBe(87.3);
    expect(percent(null)).toBeNull();
    expect(hours(1470)).toBe(24.5);
    expect(hours(null)).toBeNull();
  });

  it('charts categories with orders, busiest first', () => {
    expect(chartRows([row(0, 1), row(3, 2), row(9, 3)]).map((r) => r.category?.id)).toEqual([3, 2]);
  });
});
