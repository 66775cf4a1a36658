import type { CompletenessField } from '@kefu/contracts';

/**
 * 138****8000: the first three and last four digits stay, enough for an agent to confirm
 * "the number ending 8000" with a caller, never enough to call it (CUS-8).
 */
export function maskPhone(number: string): string {
  if (number.length >= 9) return `${number.slice(0, 3)}${'*'.repeat(number.length - 7)}${number.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, number.length - 2))}${number.slice(-2)}`;
}

/** 110***********123X */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 3)}${'*'.repeat(Math.max(0, idNumber.length - 7))}${idNumber.slice(-4)}`;
}

export interface CompletenessInput {
  primaryPhone: string | null;
  email: string | null;
  address: string | null;
  idNumber: string | null;
  birthday: string | null;
  personality: string | null;
  segment: string | null;
  source: string | null;
  accountManager: number | null;
}

/** Completeness rate (客户资料完整率, CUS-7): the share of the organisation's required fields that are filled. */
export function completenessOf(profile: CompletenessInput, required: readonly CompletenessField[]): { percent: number; missing: CompletenessField[] } {
  if (required.length === 0) return { percent: 100, missing: [] };
  const missing = required.filter((field) => profile[field] === null || profile[field] === '');
  return { percent: Math.round(((required.length - missing.length) / required.length) * 100), missing };
}
