import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.ts';

const id = '01a1fdb9-12ea-785c-aa92-ab74ac69cfff';

describe('timeline cursor', () => {
  it('round-trips PostgreSQL timestamp text to the microsecond', () => {
    for (const at of [
      '2026-03-01 10:00:00.123401+00',
      '2026-03-01 10:00:00+01',
      '2024-02-29 23:59:59.999999+05:30',
    ]) {
      expect(decodeTimelineCursor(encodeTimelineCursor({ at, id }))).toEqual({ at, id });
    }
  });

  it('refuses what the database would refuse, as a 400 on the cursor', () => {
    for (const at of [
      '2026-02-30 10:00:00+00',
      '2026-03-01 24:00:00+00',
      '2026-03-01',
      'now',
      '2026-03-01 10:00:00+00; x',
    ]) {
      const cursor = encodeTimelineCursor({ at, id });
      expect(() => decodeTimelineCursor(cursor), at).toThrow(AppError);
    }
    expect(() => decodeTimelineCursor('not-base64-json')).toThrow(AppError);
  });
});
