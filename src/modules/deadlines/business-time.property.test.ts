import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar, isBusinessDay, localDate, nextBusinessDay } from './business-calendar.ts';
import { addBusinessDays, addBusinessHours, businessMsBetween } from './business-time.ts';

// Properties over arbitrary instants in 2020–2030 in both calendars (and one with odd hours).

const calendars = [
  businessCalendar('SE'),
  businessCalendar('IT'),
  businessCalendar('SE', {
    officeHours: { sat: { opens: '00:00', closes: '24:00' }, wed: { opens: '12:30', closes: '13:00' } },
  }),
];
const H = 3_600_000;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2030, 0, 1);

const calendar = fc.constantFrom(...calendars);
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const closedPauses = (startMs: number) =>
  fc.array(
    fc
      .record({
        offset: fc.integer({ min: -5 * 24 * H, max: 40 * 24 * H }),
        length: fc.integer({ min: 0, max: 10 * 24 * H }),
      })
      .map(({ offset, length }) => ({
        from: new Date(startMs + offset),
        to: new Date(startMs + offset + length),
      })),
    { maxLength: 4 },
  );

describe('business time properties', () => {
  it('adding N business days lands at the close of a business day, later for larger N', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 40 }), (cal, start, n) => {
        const due = addBusinessDays(cal, start, n);
        const next = addBusinessDays(cal, start, n + 1);
        expect(isBusinessDay(cal, localDate(cal, new Date(due.getTime() - 1)))).toBe(true);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(next.getTime()).toBeGreaterThan(due.getTime());
        // No office time is left on that day after the due instant.
        expect(businessMsBetween(cal, due, new Date(due.getTime() + H))).toBe(0);
      }),
    );
  });

  it('the business time from start to start + h business hours is h hours, with or without pauses', () => {
    fc.assert(
      fc.property(
        calendar,
        instant.chain((start) => fc.tuple(fc.constant(start), closedPauses(start.getTime()))),
        fc.integer({ min: 0, max: 300 }),
        (cal, [start, pauses], h) => {
          expect(businessMsBetween(cal, start, addBusinessHours(cal, start, h))).toBe(h * H);
          const paused = addBusinessHours(cal, start, h, pauses);
          expect(businessMsBetween(cal, start, paused, pauses)).toBe(h * H);
          expect(paused.getTime()).toBeGreaterThanOrEqual(addBusinessHours(cal, start, h).getTime());
        },
      ),
    );
  });

  it('business time is additive over a split point', () => {
    fc.assert(
      fc.property(calendar, fc.array(instant, { minLength: 3, maxLength: 3 }), (cal, points) => {
        const [a, b, c] = points.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        expect(businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c)).toBe(
          businessMsBetween(cal, a, c),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('the next business day is a business day with none in between', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, start) => {
        const date = localDate(cal, start);
        const next = nextBusinessDay(cal, date);
        expect(next > date).toBe(true);
        expect(isBusinessDay(cal, next)).toBe(true);
        for (let d = nextDay(date); d < next; d = nextDay(d)) expect(isBusinessDay(cal, d)).toBe(false);
      }),
    );
  });
});

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
