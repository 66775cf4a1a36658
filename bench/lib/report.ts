/** One line of the results table. `status` compares the value with the target; never asserted. */
export interface Row {
  metric: string;
  value: number | null;
  unit: string;
  /** Shown instead of value + unit (rows with several figures). */
  display?: string;
  /** Human-readable target, e.g. "≥ 2000" or "≤ 20"; empty when the issue sets none. */
  target: string;
  status: 'met' | 'not met' | 'n.a.' | '';
  note?: string;
}

export function atMost(value: number | null, limit: number): Pick<Row, 'target' | 'status'> {
  return { target: `≤ ${limit}`, status: value === null || Number.isNaN(value) ? 'n.a.' : value <= limit ? 'met' : 'not met' };
}

export function atLeast(value: number | null, limit: number): Pick<Row, 'target' | 'status'> {
  return { target: `≥ ${limit}`, status: value === null || Number.isNaN(value) ? 'n.a.' : value >= limit ? 'met' : 'not met' };
}

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.metric,
    row.display ?? (row.value === null ? 'null' : `${formatNumber(row.value)}${row.unit ? ` ${row.unit}` : ''}`),
    row.target,
    row.status,
    row.note ?? '',
  ]);
  const header = ['metric', 'value', 'target', 'status', 'note'];
  const widths = header.map((title, column) => Math.max(width(title), ...cells.map((line) => width(line[column]!))));
  const line = (values: string[]) => `| ${values.map((value, column) => value + ' '.repeat(widths[column]! - width(value))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

/** "p50 / p95 / p99 ms" with each figure formatted alike. */
export function figures(values: readonly number[], unit: string): string {
  return `${values.map(formatNumber).join(' / ')} ${unit}`;
}
