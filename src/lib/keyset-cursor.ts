import { AppError } from './errors.ts';

// Keyset pagination's cursor: the last row's sort key, opaque to clients (base64url of a JSON
// array). Keyset, not OFFSET: a deep page costs the same as page 1, and rows inserted meanwhile
// never shift a page. The values come back from the client, so each is checked before it reaches
// SQL: a cursor this API did not issue is a 400 on the parameter, never a 500 from the database.

/** Checks one position of a cursor. */
export type CursorCheck<T> = (value: unknown) => value is T;

type CursorChecks<T extends readonly unknown[]> = { readonly [K in keyof T]: CursorCheck<T[K]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuidText: CursorCheck<string> = (v): v is string => typeof v === 'string' && UUID.test(v);

/** A timestamp JavaScript can read back (an ISO string from Date#toISOString). */
export const isDateText: CursorCheck<string> = (v): v is string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v));

export const isInteger: CursorCheck<number> = (v): v is number => Number.isInteger(v);

export function encodeKeysetCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key in a cursor, one check per position; `param` names the query parameter that
 * carried it, for the field error.
 */
export function decodeKeysetCursor<const T extends readonly unknown[]>(
  cursor: string,
  checks: CursorChecks<T>,
  param = 'cursor',
): T {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === checks.length &&
      checks.every((check, i) => check(values[i]))
    ) {
      return values as unknown as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'The cursor is not one this API issued.', {
    errors: [
      {
        in: 'query',
        path: [param],
        code: 'invalid_cursor',
        message: 'Use nextCursor from the previous page.',
      },
    ],
  });
}

/**
 * One page from a query that fetched `limit + 1` rows: the extra row only tells that a next page
 * exists, and that page starts after this page's last row.
 */
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  cursorOf: (last: R) => string,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toItem(row)),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}
