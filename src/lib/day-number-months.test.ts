import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civilFromDay,
  daysFromCivil,
  formatIsoDay,
  isoWeekday,
  parseIsoDayOrThrow,
} from './day-number.ts';

describe('calendar days', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-06-21', 6, '2025-12-21'],
  ])('%s plus %i month(s) is %s', (from, months, expected) => {
    expect(formatIsoDay(addMonths(parseIsoDayOrThrow(from), months))).toBe(expected);
  });

  it.each([
    ['2025-03-31', 1],
    ['2025-06-20', 5],
    ['2025-06-22', 7],
    ['1970-01-01', 4],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(parseIsoDayOrThrow(date))).toBe(weekday);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00', ''])('rejects %j', (s) => {
    expect(() => parseIsoDayOrThrow(s)).toThrow(RangeError);
  });

  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(formatIsoDay(day)).toBe(iso);
        const c = civilFromDay(day);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
      }),
    );
  });
});
