import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { problemFrom } from '../problem.ts';

// Every error leaves as application/problem+json. Unknown errors become a bare 500 with the request
// id; their message and stack go to the log only, never to the client.

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';
const PART: Record<ValidationContext, FieldError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function splitPath(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART[(error.validationContext ?? 'body') as ValidationContext] ?? 'body';
    const errors: FieldError[] = error.validation.flatMap((v) => {
      const base = splitPath(v.instancePath);
      // Zod reports unknown keys on the parent object; name each key so the client sees which.
      if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
        return (v.params.keys as string[]).map((k) => ({
          in: part,
          path: [...base, k],
          code: 'unknown_field',
          message: `Unknown field "${k}".`,
        }));
      }
      return [{ in: part, path: base, code: v.keyword, message: v.message ?? 'Invalid value.' }];
    });
    return new AppError(
      'validation_failed',
      `The request ${part} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
      { errors },
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is larger than allowed.');
  }
  // PostgreSQL cannot store NUL in text (22021) nor \u0000 in jsonb (22P05): input no schema
  // forbids, so it is the client's bad input, not our fault (the transaction has rolled back).
  if (typeof error.code === 'string' && UNSTORABLE_TEXT.has(error.code)) {
    return new AppError('validation_failed', 'The request holds characters that cannot be stored (NUL).', {
      errors: [{ path: [], code: 'invalid_characters', message: 'NUL characters are not allowed.' }],
    });
  }
  // secure-json-parse throws a SyntaxError with status 400 for bad JSON.
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new AppError('malformed_json', 'The request body is not valid JSON.');
  }
  return new AppError(
    'internal_error',
    'Something went wrong on our side. Quote the request id when reporting it.',
    { cause: error },
  );
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const problem = problemFrom(error, { instance: request.url.split('?')[0], requestId: String(request.id) });
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/**
 * Fastify's `frameworkErrors`: a URL that is not valid percent-encoded UTF-8, or a path parameter
 * longer than the router takes, would otherwise get Fastify's own text/plain 400/414.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return sendProblem(
    request,
    reply,
    new AppError('validation_failed', tooLong ? 'A path parameter is too long.' : 'The URL is not valid.', {
      errors: [
        {
          in: 'params',
          path: [],
          code: tooLong ? 'too_long' : 'invalid_encoding',
          message: tooLong ? 'Too long.' : 'Not valid percent-encoded UTF-8.',
        },
      ],
    }),
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal_error') {
      request.log.error({ err: error }, 'unhandled error');
    } else {
      request.log.info({ code: appError.code }, 'request refused');
    }
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new AppError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );
}
