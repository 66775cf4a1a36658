import { CUSTOMER_COLUMNS, type CustomerColumn } from '@kefu/contracts';
import type { AppT } from '../../i18n/useT';

/** Values that read the same in every language; the rest of the example comes from the locale files. */
const EXAMPLE_PHONE = '13800138000';
const EXAMPLE_EMAIL = 'zhangsan@example.com';
/** The specimen number of GB 11643, with a valid check character. */
const EXAMPLE_ID_NUMBER = '11010519491231002X';
const EXAMPLE_BIRTHDAY = '1949-12-31';

/** Byte order mark: without it Excel opens a UTF-8 CSV as GBK and the Chinese turns to mojibake. */
const BOM = '\uFEFF';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The import template (CUS-6): every column of CUSTOMER_COLUMNS under its label in the UI
 * language (the server accepts the zh-CN and en-US labels alike) and one example row that
 * passes validation as it is.
 */
export function customerImportTemplate(t: AppT): string {
  const example: Record<CustomerColumn, string> = {
    name: t('customers.import.example.name'),
    type: t('shared:customers.types.personal'),
    tier: t('shared:customers.tiers.gold'),
    phones: EXAMPLE_PHONE,
    email: EXAMPLE_EMAIL,
    address: t('customers.import.example.address'),
    idNumber: EXAMPLE_ID_NUMBER,
    birthday: EXAMPLE_BIRTHDAY,
    personality: t('shared:customers.personalities.lively'),
    segment: t('customers.segments.postpaid'),
    source: t('customers.sources.hotline'),
    tags: t('customers.import.example.tags'),
    notes: t('customers.import.example.notes'),
  };
  const header = CUSTOMER_COLUMNS.map((column) => t(`shared:customers.columns.${column}`));
  return BOM + toCsv([header, CUSTOMER_COLUMNS.map((column) => example[column])]);
}
