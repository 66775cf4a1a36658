import type { FormRule } from 'antd';
import type { AppT } from '../i18n/useT';
import { passwordSchema, usernameSchema } from '@kefu/contracts';

/**
 * Client-side rules that mirror the contract schemas, so the user sees the same
 * messages before submitting that the server would send back.
 */
export function passwordRules(t: AppT): FormRule[] {
  return [
    { required: true, message: t('form.passwordRequired') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        const result = passwordSchema.safeParse(value);
        const issue = result.success ? undefined : result.error.issues[0];
        if (!issue) return;
        if (issue.code === 'too_small') throw new Error(t('shared:validation.too_small_string', { minimum: Number(issue.minimum) }));
        if (issue.code === 'too_big') throw new Error(t('shared:validation.too_big_string', { maximum: Number(issue.maximum) }));
        throw new Error(t('shared:validation.password_letters_digits'));
      },
    },
  ];
}

/** The confirmation field must repeat `fieldName`. */
export function confirmPasswordRules(t: AppT, fieldName: string | (string | number)[]): FormRule[] {
  return [
    { required: true, message: t('form.confirmPasswordRequired') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (value && value !== getFieldValue(fieldName)) throw new Error(t('form.passwordMismatch'));
      },
    }),
  ];
}

export function usernameRules(t: AppT): FormRule[] {
  return [
    { required: true, whitespace: true, message: t('form.usernameRequired') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return;
        const result = usernameSchema.safeParse(value);
        const issue = result.success ? undefined : result.error.issues[0];
        if (!issue) return;
        if (issue.code === 'too_small') throw new Error(t('shared:validation.too_small_string', { minimum: Number(issue.minimum) }));
        if (issue.code === 'too_big') throw new Error(t('shared:validation.too_big_string', { maximum: Number(issue.maximum) }));
        throw new Error(t('shared:validation.username_chars'));
      },
    },
  ];
}

/** A required text field with a length limit, e.g. names. */
export function requiredTextRules(t: AppT, requiredMessage: string, max: number): FormRule[] {
  return [
    { required: true, whitespace: true, message: requiredMessage },
    { max, message: t('shared:validation.too_big_string', { maximum: max }) },
  ];
}
