import { describe, expect, it } from 'vitest';
import { isValidResidentId, normalizePhone } from '@kefu/contracts';
import { completenessOf, maskIdNumber, maskPhone } from './privacy.js';

describe('phone numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['010-6552 9988', '01065529988'],
    ['(0755) 8888-1234', '075588881234'],
    ['138abc', ''],
  ])('%s → %s', (raw, normalized) => expect(normalizePhone(raw)).toBe(normalized));

  it('masks the middle, keeping what an agent needs to confirm the number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('01065529988')).toBe('010****9988');
    expect(maskPhone('95588')).toBe('***88');
    expect(maskPhone('13800138000')).not.toMatch(/\d{11}/);
  });
});

describe('resident ID numbers', () => {
  it('checks the GB 11643 check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('440524188001010014')).toBe(true);
    expect(isValidResidentId('44052418800101001')).toBe(false);
  });
  it('masks all but the region prefix and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});

describe('completeness', () => {
  const empty = { primaryPhone: null, email: null, address: null, idNumber: null, birthday: null, personality: null, segment: null, source: null, accountManager: null };
  it('is the share of required fields filled, naming the missing ones', () => {
    expect(completenessOf({ ...empty, primaryPhone: '13800138000', address: '北京' }, ['primaryPhone', 'address', 'personality', 'birthday'])).toEqual({
      percent: 50,
      missing: ['personality', 'birthday'],
    });
    expect(completenessOf(empty, []).percent).toBe(100);
  });
});
