import { AppError } from '../../lib/errors.ts';

// Keyset pagination for queues: the cursor is the last row's sort key (due_at, priority, id),
// opaque to clients (base64url of JSON). Keyset, not OFFSET: page 500 of a million-row queue costs
// the same as page 1, and rows inserted meanwhile never shift a page.

export type QueueKey = { dueAt: string; priority: number; id: string };

export function encodeCursor(key: QueueKey): string {
  return Buffer.from(JSON.stringify([key.dueAt, key.priority, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): QueueKey {
  try {
    const [dueAt, priority, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof dueAt === 'string' &&
      !Number.isNaN(Date.parse(dueAt)) &&
      typeof priority === 'number' &&
      Number.isInteger(priority) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return { dueAt, priority, id };
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
