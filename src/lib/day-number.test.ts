import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from './day-number.ts';

describe('parseIsoDay / formatIsoDay', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11016],
    ['2024-12-31', 20088],
  ])('%s is day %i', (iso, day) => {
    expect(parseIsoDay(iso)).toBe(day);
    expect(formatIsoDay(day)).toBe(iso);
  });

  it.each([
    '2025-02-29',
    '2100-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-4-01',
    '2025/04/01',
    '2025-04-01T00:00',
    ' 2025-04-01',
    '２０２５-04-01',
    '',
    'abcd-ef-gh',
  ])('rejects %j', (s) => {
    expect(parseIsoDay(s)).toBeNaN();
  });

  it.each([null, undefined, 20250401, {}, []])('rejects the non-string %j', (v) => {
    expect(parseIsoDay(v)).toBeNaN();
  });

  it('agrees with Date.UTC for every day from year 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719528, max: 2932896 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(formatIsoDay(day)).toBe(iso);
        expect(parseIsoDay(iso)).toBe(day);
      }),
    );
  });
});
