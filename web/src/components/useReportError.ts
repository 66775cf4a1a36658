import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useT } from '../i18n/useT';
import type { FieldError } from '@kefu/contracts';
import { isApiError } from '../api/client';

type NamePath = (string | number)[];

/** `roleIds.0` → ['roleIds']: an error on one array entry belongs to the whole field. */
export function fieldNamePath(path: string): NamePath {
  const segments: NamePath = path
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  while (segments.length > 1 && typeof segments[segments.length - 1] === 'number') segments.pop();
  return segments;
}

export function applyFieldErrors(form: FormInstance, fields: FieldError[]): void {
  const byPath = new Map<string, { name: NamePath; errors: string[] }>();
  for (const field of fields) {
    const name = fieldNamePath(field.path);
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(field.message);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
}

/** Error codes that are about one form field, e.g. `{ 'user.username_taken': 'username' }`. */
export type FieldOfErrorCode = Record<string, string | (string | number)[]>;

/**
 * Shows a failed request to the user: field errors go next to their form fields, and so
 * do codes listed in `fieldOfCode`; anything else is the server's (already localised)
 * message in a toast.
 */
export function useReportError() {
  const { message } = App.useApp();
  const { t } = useT();
  return useCallback(
    (error: unknown, form?: FormInstance, fieldOfCode: FieldOfErrorCode = {}) => {
      if (!isApiError(error)) {
        void message.error(t('common.unexpectedError'));
        return;
      }
      const field = fieldOfCode[error.code];
      if (form && field) {
        form.setFields([{ name: field, errors: [error.message] }]);
        return;
      }
      if (form && error.fields.length > 0) applyFieldErrors(form, error.fields);
      void message.error(error.message);
    },
    [message, t],
  );
}
