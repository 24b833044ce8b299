import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../lib/errors.ts';

// Text PostgreSQL cannot store faithfully is refused before any handler runs, with the path of
// the field that holds it. NUL cannot be stored at all (text: 22021, jsonb: 22P05), and the
// database's error says which statement failed, not which field. A lone UTF-16 surrogate (JSON
// allows "\ud800") has no UTF-8 form: the driver would silently store U+FFFD instead, so what the
// client sent and what we keep would differ without anyone knowing.

export type UnstorableProblem = 'nul' | 'lone_surrogate' | 'too_deep';

/** Nesting no request body of ours comes near; a hostile one is refused here instead of recursed into. */
const MAX_DEPTH = 64;

/**
 * Parsed input is made of plain objects and arrays: JSON.parse's objects, and the query string
 * parser's (fast-querystring makes them from a constructor whose prototype has no prototype).
 * Anything else in `request.body` — the stream a raw-body route (POST /claims/bulk) reads itself,
 * a Buffer, a multipart file — is not text to check, and walking a stream's properties would
 * follow its cycles until the stack overflows.
 */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** Fields reported at most: enough to fix a request, bounded for a hostile one. */
const MAX_REPORTED = 20;

function problemOf(s: string): UnstorableProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (!s.isWellFormed()) return 'lone_surrogate';
  return undefined;
}

/**
 * Every string (object keys included) holding NUL or a lone surrogate, with its path. Pure. It
 * runs on every request (POST /claims included), so it walks with one mutable path and copies it
 * only for a finding: allocating a path per field made it 10× slower (21 µs for a claim body).
 */
export function findUnstorableText(
  value: unknown,
  max: number = MAX_REPORTED,
): { path: (string | number)[]; problem: UnstorableProblem }[] {
  const found: { path: (string | number)[]; problem: UnstorableProblem }[] = [];
  const path: (string | number)[] = [];
  const report = (problem: UnstorableProblem | undefined) => {
    if (problem) found.push({ path: [...path], problem });
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      report(problemOf(v));
    } else if (path.length >= MAX_DEPTH) {
      // Deeper than any body we accept; recursing further could exhaust the stack (a 500).
      found.push({ path: [...path], problem: 'too_deep' });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && found.length < max; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (isPlainObject(v)) {
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        path.push(k);
        report(problemOf(k));
        walk((v as Record<string, unknown>)[k]);
        path.pop();
        if (found.length >= max) return;
      }
    }
  };
  walk(value);
  return found.slice(0, max);
}

const MESSAGE: Record<UnstorableProblem, string> = {
  nul: 'NUL characters are not allowed.',
  lone_surrogate: 'Holds a lone UTF-16 surrogate, which is not a character; send valid Unicode.',
  too_deep: `Nested more than ${MAX_DEPTH} levels deep.`,
};

export function unstorableTextError(
  request: Pick<FastifyRequest, 'body' | 'query' | 'params'>,
): AppError | undefined {
  const parts = [
    ['body', request.body],
    ['query', request.query],
    ['params', request.params],
  ] as const;
  const errors: FieldError[] = parts.flatMap(([part, value]) =>
    findUnstorableText(value).map((f) => ({
      in: part,
      path: f.path,
      code: f.problem === 'too_deep' ? 'too_deep' : 'invalid_characters',
      message: MESSAGE[f.problem],
    })),
  );
  if (errors.length === 0) return undefined;
  return new AppError('validation_failed', 'The request holds characters that cannot be stored.', { errors });
}

export function registerUnstorableTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const error = unstorableTextError(request);
    if (error) throw error;
  });
}
