import { AppError } from '../../lib/errors.ts';

// Keyset pagination for the timeline: the cursor is the last entry's (occurredAt, id), newest
// first, opaque to clients. A customer with thousands of items pages at the same cost on page 1
// and page 100, and an item added meanwhile never shifts a page.

export type TimelineKey = { at: string; id: string };

export function encodeTimelineCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeTimelineCursor(cursor: string): TimelineKey {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
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
