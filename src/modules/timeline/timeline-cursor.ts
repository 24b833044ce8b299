import { AppError } from '../../lib/errors.ts';

// Keyset pagination for the timeline: the cursor is the last entry's (occurredAt, id), newest
// first, opaque to clients. occurredAt travels as PostgreSQL's own text of the timestamp, to the
// microsecond: a JavaScript Date keeps milliseconds, and two entries within one millisecond would
// otherwise fall between two pages. A customer with thousands of items pages at the same cost on page 1
// and page 100, and an item added meanwhile never shifts a page.

export type TimelineKey = { at: string; id: string };

/** timestamptz as PostgreSQL prints it (any DateStyle ISO form), e.g. 2026-11-21 10:46:57.123456+00. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;

/** The form, and a real calendar day and time of day, so that the database never refuses it. */
function isTimestampText(at: string): boolean {
  const m = PG_TIMESTAMP.exec(at);
  if (!m) return false;
  const [y, mo, d] = at.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [h, mi, se] = at.slice(11, 19).split(':').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

export function encodeTimelineCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeTimelineCursor(cursor: string): TimelineKey {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      isTimestampText(at) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'The cursor is not one this API issued.', {
    errors: [
      {
        in: 'query',
        path: ['cursor'],
        code: 'invalid_cursor',
        message: 'Use nextCursor from the previous page.',
      },
    ],
  });
}
