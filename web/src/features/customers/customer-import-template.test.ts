import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, customerInputSchema, isValidResidentId } from '@kefu/contracts';
import sharedZhCN from '@kefu/contracts/locales/zh-CN.json';
import sharedEnUS from '@kefu/contracts/locales/en-US.json';
import webZhCN from '../../i18n/zh-CN.json';
import webEnUS from '../../i18n/en-US.json';
import type { AppT } from '../../i18n/useT';
import { customerImportTemplate, toCsv } from './customer-import-template';

async function translator(lng: 'zh-CN' | 'en-US'): Promise<AppT> {
  const i18n = createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: webZhCN, shared: sharedZhCN }, 'en-US': { translation: webEnUS, shared: sharedEnUS } },
    lng,
    ns: ['translation', 'shared'],
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
  });
  return i18n.getFixedT(lng, ['translation', 'shared']) as AppT;
}

/** Enough of a CSV reader for the template: quoted cells, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (char !== '\r') cell += char;
  }
  return rows;
}

describe('the customer import template', () => {
  it('starts with a BOM and has the zh-CN column labels in CUSTOMER_COLUMNS order', async () => {
    const csv = customerImportTemplate(await translator('zh-CN'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, example, ...rest] = parseCsv(csv.slice(1));
    expect(header).toEqual(CUSTOMER_COLUMNS.map((column) => sharedZhCN.customers.columns[column]));
    expect(header?.[0]).toBe('姓名');
    expect(example).toHaveLength(CUSTOMER_COLUMNS.length);
    expect(rest).toEqual([]);
  });

  it('has an example row that would pass the server validation', async () => {
    for (const lng of ['zh-CN', 'en-US'] as const) {
      const [, example = []] = parseCsv(customerImportTemplate(await translator(lng)).slice(1));
      const cell = (column: (typeof CUSTOMER_COLUMNS)[number]) => example[CUSTOMER_COLUMNS.indexOf(column)] ?? '';
      expect(isValidResidentId(cell('idNumber'))).toBe(true);
      const input = {
        name: cell('name'),
        type: 'personal',
        tier: 'gold',
        email: cell('email'),
        address: cell('address'),
        idNumber: cell('idNumber'),
        birthday: cell('birthday'),
        segment: cell('segment'),
        source: cell('source'),
        notes: cell('notes'),
        tags: cell('tags').split(/[;；,，、/]+/).filter(Boolean),
        phones: [{ number: cell('phones'), primary: true }],
      };
      expect(customerInputSchema.safeParse(input).success).toBe(true);
    }
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny', 'plain']])).toBe('"a,b","say ""hi""","x\ny",plain\r\n');
  });
});
