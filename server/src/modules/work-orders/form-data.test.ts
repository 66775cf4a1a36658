import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryField, FieldError } from '@kefu/contracts';
import { AppError } from '../../platform/errors.js';
import { createTranslator, type Translator } from '../../platform/i18n.js';
import { checkFormData, type SubmittedFormData } from './form-data.js';

const FIELDS: CategoryField[] = [
  { key: 'account', label: '宽带账号', type: 'text', required: true, options: [] },
  { key: 'speed', label: '签约带宽', type: 'number', required: false, options: [] },
  { key: 'since', label: '断线日期', type: 'date', required: false, options: [] },
  { key: 'light', label: '光猫指示灯', type: 'select', required: true, options: ['红灯', '不亮'] },
];

describe('category form answers (checkFormData)', () => {
  let i18n: Translator;
  beforeAll(async () => {
    i18n = await createTranslator();
  });

  const fieldErrors = (submitted: SubmittedFormData, locale: 'zh-CN' | 'en-US' = 'zh-CN'): FieldError[] => {
    try {
      checkFormData(FIELDS, submitted, (key) => i18n.t(locale, key));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
      return (error as AppError).fields ?? [];
    }
    throw new Error('expected a validation failure');
  };

  it('keeps typed, trimmed answers and drops empty ones', () => {
    const values = checkFormData(FIELDS, { account: '  BB-0101 ', speed: '300', since: '2026-11-27', light: '红灯' }, (key) => key);
    expect(values).toEqual({ account: 'BB-0101', speed: 300, since: '2026-11-27', light: '红灯' });
    expect(checkFormData(FIELDS, { account: 'A', light: '不亮', speed: 0.5, since: null }, (key) => key)).toEqual({ account: 'A', light: '不亮', speed: 0.5 });
    expect(checkFormData(FIELDS, { account: 'A', light: '不亮', speed: '', since: '   ' }, (key) => key)).toEqual({ account: 'A', light: '不亮' });
    expect(checkFormData([], {}, (key) => key)).toEqual({});
  });

  it('reports each bad answer at formData.<key> with a Chinese message', () => {
    expect(fieldErrors({ account: 'A', speed: '很快', since: '2026-02-30', light: '绿灯', extra: 'x' })).toEqual([
      { path: 'formData.speed', code: 'invalid_type', message: '应为数字。' },
      { path: 'formData.since', code: 'invalid_format', message: '日期格式应为 YYYY-MM-DD。' },
      { path: 'formData.light', code: 'invalid_value', message: '不是该字段允许的选项。' },
      { path: 'formData.extra', code: 'unknown_field', message: '没有这个自定义字段。' },
    ]);
  });

  it('requires required fields, treating null, empty and blank as missing', () => {
    expect(fieldErrors({})).toEqual([
      { path: 'formData.account', code: 'required', message: '必填。' },
      { path: 'formData.light', code: 'required', message: '必填。' },
    ]);
    expect(fieldErrors({ account: null, light: '  ' }).map((error) => error.path)).toEqual(['formData.account', 'formData.light']);
    // A wrong answer to a required field is reported once, as wrong.
    expect(fieldErrors({ account: 'A', light: '绿灯' })).toEqual([expect.objectContaining({ path: 'formData.light', code: 'invalid_value' })]);
  });

  it('speaks the reader’s language', () => {
    expect(fieldErrors({ account: 'A', light: '红灯', since: '27/11/2026' }, 'en-US')).toEqual([
      { path: 'formData.since', code: 'invalid_format', message: 'Dates are written YYYY-MM-DD.' },
    ]);
  });

  it('accepts numbers written as text or as numbers and refuses Infinity-like text', () => {
    const fields: CategoryField[] = [{ key: 'n', label: 'N', type: 'number', required: false, options: [] }];
    expect(checkFormData(fields, { n: '-12.5' }, (key) => key)).toEqual({ n: -12.5 });
    expect(() => checkFormData(fields, { n: 'Infinity' }, (key) => key)).toThrow(AppError);
    // Text fields take numbers as their text.
    expect(checkFormData([{ key: 't', label: 'T', type: 'text', required: false, options: [] }], { t: 42 }, (key) => key)).toEqual({ t: '42' });
  });
});
