import type { SlaFiguresRow } from '@kefu/contracts';

/** 0.873 → 87.3 (one decimal); null stays null, so a chart leaves a gap instead of drawing 0 %. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** Minutes to hours with one decimal, for the time charts. */
export function hours(minutes: number | null): number | null {
  return minutes === null ? null : Math.round((minutes / 60) * 10) / 10;
}

/** Rows worth charting: those with orders, busiest first. */
export function chartRows(rows: readonly SlaFiguresRow[]): SlaFiguresRow[] {
  return rows.filter((row) => row.orders > 0).sort((a, b) => b.orders - a.orders);
}
