import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  CUSTOMER_COLUMNS,
  CUSTOMER_TIERS,
  CUSTOMER_TYPES,
  LOCALES,
  PERSONALITY_TYPES,
  customerInputSchema,
  type CustomerColumn,
  type ImportRowError,
  type Locale,
} from '@kefu/contracts';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Translator } from '../../platform/i18n.js';
import { toFieldError } from '../../platform/http/validation-messages.js';

export type ValidCustomerRow = z.output<typeof customerInputSchema>;
export type SheetFormat = 'csv' | 'xlsx';

const XLSX_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Several values in one cell: phones 138…；139…, tags VIP、宽带. */
const LIST_SEPARATOR = /[;；,，、/]+/;

export function detectFormat(file: Buffer): SheetFormat {
  return file.subarray(0, 4).equals(XLSX_SIGNATURE) ? 'xlsx' : 'csv';
}

/** The cells of the first sheet as text, header row included. */
export async function readSheet(file: Buffer): Promise<string[][]> {
  try {
    if (detectFormat(file) === 'csv') {
      return parse(file, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const table: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cell.text.trim();
      });
      table.push(Array.from(cells, (cell) => cell ?? ''));
    });
    return table;
  } catch {
    throw new AppError('customer_import.unreadable', 400);
  }
}

/** Every way a header or a vocabulary value may be written: key, zh-CN label, en-US label. */
function aliases(i18n: Translator, prefix: string, keys: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of keys) {
    map.set(key.toLowerCase(), key);
    for (const locale of LOCALES) map.set(i18n.t(locale, `${prefix}.${key}`).toLowerCase(), key);
  }
  return map;
}

export interface ParsedSheet {
  rows: Array<{ row: number; value: ValidCustomerRow }>;
  errors: ImportRowError[];
  totalRows: number;
}

/**
 * Maps a sheet onto customer inputs and validates every row with the same schema the API
 * uses, collecting every error with its row number and column — nothing is written here.
 */
export function parseCustomerSheet(table: string[][], i18n: Translator, locale: Locale, maxRows: number): ParsedSheet {
  const [header, ...body] = table;
  const columnAliases = aliases(i18n, 'customers.columns', CUSTOMER_COLUMNS);
  const columns = (header ?? []).map((cell) => columnAliases.get(cell.trim().toLowerCase()) as CustomerColumn | undefined);
  if (!columns.includes('name')) throw new AppError('customer_import.no_header', 400);
  if (body.length === 0) throw new AppError('customer_import.empty', 400);
  if (body.length > maxRows) throw new AppError('customer_import.too_many_rows', 400, { max: maxRows });

  const vocabularies: Partial<Record<CustomerColumn, Map<string, string>>> = {
    type: aliases(i18n, 'customers.types', CUSTOMER_TYPES),
    tier: aliases(i18n, 'customers.tiers', CUSTOMER_TIERS),
    personality: aliases(i18n, 'customers.personalities', PERSONALITY_TYPES),
  };
  const rows: ParsedSheet['rows'] = [];
  const errors: ImportRowError[] = [];

  body.forEach((cells, index) => {
    const rowNumber = index + 2;
    const raw: Record<string, unknown> = {};
    const rowErrors: ImportRowError[] = [];
    columns.forEach((column, position) => {
      const cell = cells[position]?.trim() ?? '';
      if (!column || cell === '') return;
      const vocabulary = vocabularies[column];
      if (vocabulary) {
        const value = vocabulary.get(cell.toLowerCase());
        if (value) raw[column] = value;
        else rowErrors.push({ row: rowNumber, field: column, code: 'unknown_value', message: i18n.t(locale, 'validation.unknown_value', { value: cell }) });
      } else if (column === 'phones') {
        raw.phones = cell.split(LIST_SEPARATOR).filter(Boolean).map((number, i) => ({ number, primary: i === 0 }));
      } else if (column === 'tags') {
        raw.tags = cell.split(LIST_SEPARATOR).filter(Boolean);
      } else {
        raw[column] = cell;
      }
    });
    const parsed = customerInputSchema.safeParse(raw);
    if (!parsed.success) {
      // A value already reported as unknown is not reported again as missing.
      const reported = new Set(rowErrors.map((error) => error.field));
      for (const issue of parsed.error.issues.filter((candidate) => !reported.has(String(candidate.path[0] ?? '')))) {
        const fieldError = toFieldError(
          { keyword: issue.code, instancePath: `/${issue.path.join('/')}`, message: issue.message, params: issue as unknown as Record<string, unknown> },
          'body',
          locale,
          i18n,
        );
        rowErrors.push({ row: rowNumber, field: String(issue.path[0] ?? ''), code: fieldError.code, message: fieldError.message });
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (parsed.success) rows.push({ row: rowNumber, value: parsed.data });
  });
  return { rows, errors, totalRows: body.length };
}

/** A sheet of the given rows under localised headers, as CSV (with a BOM, so Excel reads UTF-8) or .xlsx. */
export async function writeSheet(headers: string[], rows: string[][], format: SheetFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([headers, ...rows])}`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
