import type { ErrorCode, FieldError } from '@kefu/contracts';

/**
 * The one error type of Kefu (house rule 3). `code` is stable and keys the localised
 * message (`errors.<code>` in the locale files); `params` fill its placeholders.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode = 'bad_request', params?: Record<string, string | number>) =>
  new AppError(code, 400, params);
export const unauthenticated = (code: ErrorCode = 'unauthenticated') => new AppError(code, 401);
export const forbidden = (code: ErrorCode = 'forbidden', params?: Record<string, string | number>) =>
  new AppError(code, 403, params);
/** Not found, or not yours: the two are indistinguishable on purpose. */
export const notFound = () => new AppError('not_found', 404);
export const conflict = (code: ErrorCode = 'conflict', params?: Record<string, string | number>) =>
  new AppError(code, 409, params);
export const unprocessable = (code: ErrorCode, params?: Record<string, string | number>) =>
  new AppError(code, 422, params);
