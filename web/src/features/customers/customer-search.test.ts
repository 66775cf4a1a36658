import { describe, expect, it } from 'vitest';
import { parseCustomerSearch } from './customer-search';

describe('parseCustomerSearch', () => {
  it('takes phone numbers in any spelling as a phone lookup', () => {
    expect(parseCustomerSearch('13800138000')).toEqual({ phone: '13800138000' });
    expect(parseCustomerSearch(' 138 0013 8000 ')).toEqual({ phone: '138 0013 8000' });
    expect(parseCustomerSearch('+86-138-0013-8000')).toEqual({ phone: '+86-138-0013-8000' });
    expect(parseCustomerSearch('(010) 6552 8888')).toEqual({ phone: '(010) 6552 8888' });
  });

  it('takes 4–6 trailing ID characters as an ID suffix', () => {
    expect(parseCustomerSearch('1234')).toEqual({ idSuffix: '1234' });
    expect(parseCustomerSearch('12345x')).toEqual({ idSuffix: '12345X' });
    expect(parseCustomerSearch('123456')).toEqual({ idSuffix: '123456' });
  });

  it('searches names and notes for anything else', () => {
    expect(parseCustomerSearch('王建国')).toEqual({ q: '王建国' });
    expect(parseCustomerSearch('宽带 报修')).toEqual({ q: '宽带 报修' });
    expect(parseCustomerSearch('12')).toEqual({ q: '12' });
    expect(parseCustomerSearch('   ')).toEqual({});
  });
});
