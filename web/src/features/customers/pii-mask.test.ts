import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './pii-mask';

describe('PII masks', () => {
  it('keep the first three and last four characters', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('leave short numbers only their last two digits and never mask twice', () => {
    expect(maskPhone('95588')).toBe('***88');
    expect(maskPhone('138****8000')).toBe('138****8000');
  });
});
