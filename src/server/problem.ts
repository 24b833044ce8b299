import { z } from 'zod';
import { type AppError, ERROR_CODES, type FieldError, httpStatusOf } from '../lib/errors.ts';

// RFC 9457 problem details. `type` is a stable URN per code, `code` the same code bare (what
// clients switch on), `errors` the field-level list with the request part and the field path.

export const FieldErrorSchema = z
  .object({
    in: z.enum(['body', 'query', 'params', 'headers', 'file', 'env']).optional(),
    path: z.array(z.union([z.string(), z.number()])).describe('Field path, e.g. ["lines", 0, "amountMinor"]'),
    pointer: z.string().describe('The same path as a JSON Pointer, e.g. /lines/0/amountMinor'),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('urn:claimdesk:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

export type Problem = z.infer<typeof ProblemSchema>;

function pointer(path: (string | number)[]): string {
  return `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

export function problemFrom(error: AppError, ctx: { instance?: string; requestId?: string }): Problem {
  const status = httpStatusOf(error.code);
  const problem: Problem = {
    ...error.extra,
    type: `urn:claimdesk:problem:${error.code}`,
    title: ERROR_CODES[error.code],
    status,
    detail: error.message,
    code: error.code,
    ...(ctx.instance ? { instance: ctx.instance } : {}),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  };
  if (error.errors.length > 0) {
    problem.errors = error.errors.map((e: FieldError) => ({ ...e, pointer: pointer(e.path) }));
  }
  return problem;
}
