import type { ErrorResponse, FieldError } from '@kefu/contracts';
import i18n from '../i18n';
import { fileNameFromDisposition } from './content-disposition';

/** A failed API call: the server's stable code, HTTP status and localised message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** A file sent as-is (not JSON, not multipart), with its media type. */
  file?: { data: Blob; type: string };
  signal?: AbortSignal;
  /** Lets the server answer a repeated create (double click, retry) with the first result. */
  idempotencyKey?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The synchronizer token of the current session, echoed on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 so the app can drop the session and send the user to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function send(method: string, path: string, options: RequestOptions, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': i18n.language };
  if (options.file) headers['Content-Type'] = options.file.type;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ? options.file.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', i18n.t('common.networkError'));
  }
  if (response.status === 401) onUnauthenticated?.();
  return response;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;

  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  throw toApiError(response, payload);
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = (payload as Partial<ErrorResponse> | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, error.details?.fields ?? [], error.requestId);
  }
  // No JSON error body: a proxy or the network in between answered, not our server.
  return new ApiError(response.status, 'internal', i18n.t('shared:errors.internal'));
}

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition, when the server named the file. */
  fileName: string | undefined;
}

/** A GET that answers with a file; a failure still arrives as the usual JSON error. */
async function download(path: string, query?: QueryParams, signal?: AbortSignal): Promise<DownloadedFile> {
  const response = await send('GET', path, { query, signal }, '*/*');
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => undefined);
    throw toApiError(response, payload);
  }
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) };
}

/** A fresh Idempotency-Key; getRandomValues also works on plain-HTTP intranet hosts, randomUUID does not. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: { idempotencyKey?: string; signal?: AbortSignal } = {}) =>
    request<T>('POST', path, { body: body ?? {}, ...options }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  /** Sends a file as the raw request body (uploads that are not multipart). */
  upload: <T>(path: string, file: Blob, type: string, query?: QueryParams) => request<T>('POST', path, { file: { data: file, type }, query }),
  download,
};
