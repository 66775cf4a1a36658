import { describe, expect, it } from 'vitest';
import { categoryFieldSchema } from '@kefu/contracts';
import { duplicateFieldKeys, fieldRowsToInput } from './category-fields';

describe('intake field rows', () => {
  it('become valid API fields: trimmed, options only for select and without duplicates', () => {
    const fields = fieldRowsToInput([
      { key: ' account ', label: ' 宽带账号 ', type: 'text', required: true, options: ['left over'] },
      { key: 'fault_kind', label: '故障类型', type: 'select', options: ['断线', ' 断线', '', '网速慢'] },
      { key: 'since', label: '开始时间' },
    ]);
    expect(fields).toEqual([
      { key: 'account', label: '宽带账号', type: 'text', required: true, options: [] },
      { key: 'fault_kind', label: '故障类型', type: 'select', required: false, options: ['断线', '网速慢'] },
      { key: 'since', label: '开始时间', type: 'text', required: false, options: [] },
    ]);
    for (const field of fields) expect(categoryFieldSchema.safeParse(field).success).toBe(true);
  });

  it('report duplicate keys', () => {
    expect([...duplicateFieldKeys([{ key: 'a' }, { key: 'b' }, { key: ' a' }, { key: '' }, { key: '' }])]).toEqual(['a']);
    expect(duplicateFieldKeys(undefined).size).toBe(0);
  });
});
