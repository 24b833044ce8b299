import { ApiProblem } from '../../api/client.ts';

// The server's validation errors, keyed by field path ("lines.0.amountMinor"), so that each can be
// shown at its own field. The paths are those of the request body (RFC 9457 problem details).

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiProblem)) return {};
  const out: FieldErrors = {};
  for (const e of error.errors) {
    if (e.in && e.in !== 'body') continue;
    const key = e.path.join('.');
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}

/** The error for a field, or for any path under it (a line's errors also show on its row). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  return errors[path];
}
