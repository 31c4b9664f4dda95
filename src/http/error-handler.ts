import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, ERRORS, type ErrorBody, type ErrorCode } from './errors.js';
import { ajvMessagePtBr } from './messages-pt-br.js';
import { pointerToField } from './validation.js';

function fieldOfValidation(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  const base = pointerToField(first.instancePath ?? '');
  if (missing) return base ? `${base}.${missing}` : missing;
  return base || undefined;
}

/** Maps Fastify's own errors (parsing, limits, validation) to the registry's codes. */
function toApiError(error: FastifyError): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const byCode: Partial<Record<string, ErrorCode>> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  };
  const code = byCode[error.code];
  if (code) return new ApiError(code);
  if (error.validation) {
    const field = fieldOfValidation(error);
    const code: ErrorCode = error.validationContext === 'body' ? 'invalid_body' : 'invalid_parameter';
    const first = error.validation[0];
    return new ApiError(
      code,
      field,
      `${ERRORS[code].message.replace(/\.$/, '')}: ${field ?? ''} ${first ? ajvMessagePtBr(first) : ''}`.trim(),
    );
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) return new ApiError('invalid_json');
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError) {
      const body: ErrorBody = { code: apiError.code, message: apiError.message };
      if (apiError.field) body.field = apiError.field;
      if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(apiError.status).send(body);
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: 'invalid_parameter', message: error.message });
    }
    // The detail of a 5xx stays in the log; the client gets a stable code.
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ code: 'internal', message: ERRORS.internal.message } satisfies ErrorBody);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'not_found', message: ERRORS.not_found.message } satisfies ErrorBody),
  );
}
