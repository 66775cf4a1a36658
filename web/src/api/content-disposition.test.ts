import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './content-disposition';

describe('fileNameFromDisposition', () => {
  it('reads the quoted and the bare filename', () => {
    expect(fileNameFromDisposition('attachment; filename="customers.csv"')).toBe('customers.csv');
    expect(fileNameFromDisposition('attachment; filename=customers.xlsx')).toBe('customers.xlsx');
  });

  it('prefers the RFC 5987 filename*', () => {
    expect(fileNameFromDisposition(`attachment; filename="customers.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv`)).toBe('客户.csv');
  });

  it('gives nothing without a name', () => {
    expect(fileNameFromDisposition(null)).toBeUndefined();
    expect(fileNameFromDisposition('attachment')).toBeUndefined();
    expect(fileNameFromDisposition('attachment; filename=""')).toBeUndefined();
  });
});
