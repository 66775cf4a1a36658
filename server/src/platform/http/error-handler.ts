import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorResponse, FieldError } from '@kefu/contracts';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n.js';
import { toFieldError } from './validation-messages.js';

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_VALIDATION: { status: 400, code: 'validation_failed' },
};

/**
 * The single place that turns failures into `{ error: { code, message, requestId, details } }`
 * (house rule 3). 5xx bodies never carry internals; the log has them, keyed by request id.
 */
export function installErrorHandler(app: FastifyInstance, i18n: Translator): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      return sendError(request, reply, error.status, error.code, i18n.t(locale, `errors.${error.code}`, error.params), error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => toFieldError(issue, error.validationContext, locale, i18n));
      return sendError(request, reply, 400, 'validation_failed', i18n.t(locale, 'errors.validation_failed'), fields);
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known || (error instanceof SyntaxError && error.statusCode === 400)) {
      const { status, code } = known ?? { status: 400, code: 'bad_request' as const };
      return sendError(request, reply, status, code, i18n.t(locale, `errors.${code}`));
    }
    if (error.statusCode === 429) {
      return sendError(request, reply, 429, 'rate_limited', i18n.t(locale, 'errors.rate_limited'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal', i18n.t(locale, 'errors.internal'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 404, 'not_found', i18n.t(request.locale, 'errors.not_found')),
  );
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: FieldError[],
) {
  const body: ErrorResponse = {
    error: { code, message, requestId: request.id, ...(fields ? { details: { fields } } : {}) },
  };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}
