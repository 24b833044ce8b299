// PostgreSQL reports constraint failures with SQLSTATE codes; both pg and PGlite expose them as
// `error.code` (and the constraint name as `error.constraint`). Use cases translate the ones they
// expect (a race lost to a concurrent insert) into AppErrors; anything else stays a 500.

type PgError = { code?: string; constraint?: string };

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as PgError;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
