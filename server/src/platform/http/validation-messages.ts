import type { FieldError, Locale } from '@kefu/contracts';
import type { Translator } from '../i18n.js';

/** The shape fastify-type-provider-zod gives each failed Zod issue. */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns a Zod issue into a field error with a message in the reader's language. */
export function toFieldError(issue: SchemaIssue, context: string | undefined, locale: Locale, i18n: Translator): FieldError {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return {
    path: context && context !== 'body' ? `${context}.${path}` : path,
    code: issue.keyword,
    message: i18n.t(locale, messageKey(issue), messageParams(issue.params)),
  };
}

/** Contracts name a locale key instead of a fixed message this way (see passwordSchema). */
const I18N_MESSAGE_PREFIX = 'i18n:';

function messageKey(issue: SchemaIssue): string {
  const params = issue.params;
  if (issue.message?.startsWith(I18N_MESSAGE_PREFIX)) return issue.message.slice(I18N_MESSAGE_PREFIX.length);
  const origin = typeof params.origin === 'string' ? params.origin : '';
  switch (issue.keyword) {
    case 'too_small':
      if (origin === 'string' && params.minimum === 1) return 'validation.required';
      return ['string', 'number', 'array'].includes(origin) ? `validation.too_small_${origin}` : 'validation.invalid_type';
    case 'too_big':
      return ['string', 'number', 'array'].includes(origin) ? `validation.too_big_${origin}` : 'validation.invalid_type';
    case 'invalid_type':
      return /received undefined/.test(issue.message ?? '') ? 'validation.required' : 'validation.invalid_type';
    case 'invalid_format':
      return params.format === 'email' ? 'validation.invalid_email' : 'validation.invalid_format';
    case 'invalid_value':
      return 'validation.invalid_value';
    case 'unrecognized_keys':
      return 'validation.unrecognized_keys';
    default:
      return 'validation.invalid_format';
  }
}

function messageParams(params: Record<string, unknown>): Record<string, unknown> {
  return {
    minimum: params.minimum,
    maximum: params.maximum,
    keys: Array.isArray(params.keys) ? params.keys.join(', ') : undefined,
  };
}
