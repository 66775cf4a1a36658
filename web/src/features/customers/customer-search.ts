import { isValidPhone, normalizePhone } from '@kefu/contracts';

/** What one search box means, as the list API's parameters: exactly one of them is set. */
export interface CustomerSearch {
  q?: string;
  phone?: string;
  idSuffix?: string;
}

export type CustomerSearchKind = keyof CustomerSearch;

/** The last 4–6 characters of a resident ID number, the way callers read them out. */
const ID_SUFFIX = /^\d{3,5}[\dXx]$/;
/** Real subscriber numbers have at least 7 digits; shorter digit strings are ID suffixes. */
const MIN_PHONE_DIGITS = 7;

/**
 * An agent types whatever the caller says: a phone number in any spelling
 * ("138 0013 8000", "+86-138…"), the end of an ID number ("1234", "12345X"), or a name.
 */
export function parseCustomerSearch(text: string): CustomerSearch {
  const value = text.trim();
  if (value === '') return {};
  const phone = normalizePhone(value);
  if (phone.length >= MIN_PHONE_DIGITS && isValidPhone(phone)) return { phone: value };
  const compact = value.replace(/\s/g, '');
  if (ID_SUFFIX.test(compact)) return { idSuffix: compact.toUpperCase() };
  return { q: value };
}

export function searchKindOf(search: CustomerSearch): CustomerSearchKind | undefined {
  if (search.phone) return 'phone';
  if (search.idSuffix) return 'idSuffix';
  if (search.q) return 'q';
  return undefined;
}
