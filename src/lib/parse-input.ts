import type { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Use cases validate their own input: routes already do, but the CLI, importers and the seed call
 * use cases directly and must get the same rules and the same field-path errors.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    in: 'body' as const,
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: i.message,
  }));
  throw new AppError(
    'validation_failed',
    `The input is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
    { errors },
  );
}
