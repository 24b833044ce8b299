import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor } from './queue-cursor.ts';

describe('queue cursor', () => {
  it('round-trips the sort key', () => {
    const key = {
      dueAt: '2026-11-21T16:00:00.000Z',
      priority: 3,
      id: '01a1fd1a-4dd6-74e2-a335-34c28536bc02',
    };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('[1,2,3]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('refuses a cursor it did not issue (%s) with a field error on the query', (cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect((error as AppError).errors[0]).toMatchObject({ in: 'query', path: ['cursor'] });
  });
});
