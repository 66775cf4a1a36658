import type { CATEGORY_FIELD_TYPES, CategoryField } from '@kefu/contracts';

// A category's own intake form fields, as the category editor holds them.

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CATEGORY_FIELDS = 20;
export const MAX_FIELD_OPTIONS = 50;
export const MAX_OPTION_LENGTH = 40;
export type CategoryFieldType = (typeof CATEGORY_FIELD_TYPES)[number];

/** One row of the field editor as the form holds it (options only matter for select). */
export interface CategoryFieldRow {
  key?: string;
  label?: string;
  type?: CategoryFieldType;
  required?: boolean;
  options?: string[];
}

/** Form rows → the API's field list: trimmed, options de-duplicated and only kept for select. */
export function fieldRowsToInput(rows: readonly CategoryFieldRow[] | undefined): CategoryField[] {
  return (rows ?? []).map((row) => {
    const type = row.type ?? 'text';
    const options = type === 'select' ? [...new Set((row.options ?? []).map((option) => option.trim()).filter(Boolean))] : [];
    return { key: (row.key ?? '').trim(), label: (row.label ?? '').trim(), type, required: row.required ?? false, options };
  });
}

/** Keys used by more than one row (an intake form answers by key, so each must be unique). */
export function duplicateFieldKeys(rows: readonly CategoryFieldRow[] | undefined): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows ?? []) {
    const key = (row.key ?? '').trim();
    if (!key) continue;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return duplicates;
}
