import dayjs from 'dayjs';

export const NUMBER_PREFIX_PATTERN = /^[A-Z]{1,6}$/;

/** What the next order number looks like with this prefix: GD → GD20261127-0001. */
export function numberExample(prefix: string, date: Date | number): string {
  return `${prefix}${dayjs(date).format('YYYYMMDD')}-0001`;
}

/** Letters typed in lower case or with spaces still make a valid prefix. */
export function normalizePrefix(value: string): string {
  return value.replace(/[^A-Za-z]/g, '').toUpperCase();
}

/** One per-team backlog threshold as the form edits it. */
export interface ThresholdOverrideRow {
  departmentId?: number | null;
  hours?: number | null;
}

/** `{ "12": 8 }` from the API → rows, ordered by department id for a stable form. */
export function overridesToRows(overrides: Record<string, number>): ThresholdOverrideRow[] {
  return Object.entries(overrides)
    .map(([departmentId, hours]) => ({ departmentId: Number(departmentId), hours }))
    .sort((a, b) => a.departmentId - b.departmentId);
}

/** Rows → the API's record; incomplete rows are dropped (the form's own rules flag them first). */
export function rowsToOverrides(rows: readonly ThresholdOverrideRow[] | undefined): Record<string, number> {
  const result: Record<string, number> = {};
  for (const row of rows ?? []) {
    if (row.departmentId && row.hours) result[String(row.departmentId)] = row.hours;
  }
  return result;
}
