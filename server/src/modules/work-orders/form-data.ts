import { isCalendarDate, type CategoryField, type FieldError } from '@kefu/contracts';
import { AppError } from '../../platform/errors.js';

/** A category form's answers as stored on the order: only filled-in values. */
export type FormValues = Record<string, string | number>;
/** Answers as a client submits them; null or an empty string means "not filled in". */
export type SubmittedFormData = Record<string, string | number | null>;

/**
 * Checks a category form's answers against its field definitions, the same way customer
 * custom fields are checked: a bad answer fails like schema validation, 400 with one
 * message per field at `formData.<key>`. `message` turns a locale key into the reader's text.
 */
export function checkFormData(fields: readonly CategoryField[], submitted: SubmittedFormData, message: (key: string) => string): FormValues {
  const definitions = new Map(fields.map((field) => [field.key, field]));
  const errors: FieldError[] = [];
  const values: FormValues = {};
  const fail = (key: string, code: string, messageKey: string) => errors.push({ path: `formData.${key}`, code, message: message(messageKey) });

  for (const [key, value] of Object.entries(submitted)) {
    const definition = definitions.get(key);
    if (!definition) {
      fail(key, 'unknown_field', 'validation.custom_unknown');
      continue;
    }
    const text = value === null ? '' : String(value).trim();
    if (text === '') continue;
    if (definition.type === 'number') {
      const number = typeof value === 'number' ? value : Number(text);
      if (!Number.isFinite(number)) fail(key, 'invalid_type', 'validation.custom_number');
      else values[key] = number;
    } else if (definition.type === 'date') {
      if (!isCalendarDate(text)) fail(key, 'invalid_format', 'validation.date');
      else values[key] = text;
    } else if (definition.type === 'select') {
      if (!definition.options.includes(text)) fail(key, 'invalid_value', 'validation.custom_option');
      else values[key] = text;
    } else {
      values[key] = text;
    }
  }
  for (const field of fields) {
    const answeredBadly = errors.some((error) => error.path === `formData.${field.key}`);
    if (field.required && !(field.key in values) && !answeredBadly) fail(field.key, 'required', 'validation.required');
  }
  if (errors.length > 0) throw new AppError('validation_failed', 400, {}, errors);
  return values;
}
