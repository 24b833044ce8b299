import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, isValidCalendarDate, mostRecentYear, parseIsoDate } from './calendar.ts';

describe('calendar', () => {
  it('knows month lengths and the Gregorian leap-year rule', () => {
    expect(isValidCalendarDate(2024, 2, 29)).toBe(true);
    expect(isValidCalendarDate(2023, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2000, 2, 29)).toBe(true);
    expect(isValidCalendarDate(1900, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2023, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2023, 12, 31)).toBe(true);
    expect(isValidCalendarDate(2023, 13, 1)).toBe(false);
    expect(isValidCalendarDate(2023, 1, 0)).toBe(false);
  });

  it('agrees with Date.UTC about which dates exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const d = new Date(Date.UTC(year, month - 1, day));
          const exists = d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
          expect(isValidCalendarDate(year, month, day)).toBe(exists);
        },
      ),
    );
  });

  it('parses only strict YYYY-MM-DD', () => {
    expect(parseIsoDate('1985-07-09')).toEqual({ year: 1985, month: 7, day: 9 });
    expect(parseIsoDate('1985-7-9')).toBeNull();
    expect(parseIsoDate('1985-02-30')).toBeNull();
    expect(parseIsoDate('19850709')).toBeNull();
  });

  it('mostRecentYear picks the latest matching year whose birthday is not after the reference', () => {
    const ref = { year: 2026, month: 11, day: 21 };
    expect(mostRecentYear(85, 7, 9, ref)).toBe(1985);
    expect(mostRecentYear(26, 11, 21, ref)).toBe(2026);
    expect(mostRecentYear(26, 11, 22, ref)).toBe(1926);
    expect(mostRecentYear(0, 1, 1, ref)).toBe(2000);
    expect(mostRecentYear(26, 11, 21, ref, 100)).toBe(1926);
    expect(mostRecentYear(26, 11, 22, ref, 100)).toBe(1826);
  });

  it('mostRecentYear results lie in the 100-year window ending at the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1900, max: 2300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (yy, month, day, refYear, refMonth, refDay) => {
          const ref = { year: refYear, month: refMonth, day: refDay };
          const year = mostRecentYear(yy, month, day, ref);
          expect(year % 100).toBe(yy);
          expect(compareDates({ year, month, day }, ref)).toBeLessThanOrEqual(0);
          expect(compareDates({ year: year + 100, month, day }, ref)).toBeGreaterThan(0);
        },
      ),
    );
  });
});
