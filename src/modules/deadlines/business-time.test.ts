import { describe, expect, it } from 'vitest';
import { businessCalendar } from './business-calendar.ts';
import { addBusinessDays, addBusinessHours, businessMsBetween } from './business-time.ts';
import { at } from './test-instants.ts';

const se = businessCalendar('SE');
const it_ = businessCalendar('IT');
const always = businessCalendar('SE', {
  officeHours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { opens: '00:00', closes: '24:00' }]),
  ),
  extraClosedDays: [],
});
const H = 3_600_000;

describe('addBusinessHours', () => {
  it.each([
    ['within one day', 'SE', '2025-11-03T09:00', 3, '2025-11-03T12:00'],
    ['ends exactly at closing, not next morning', 'SE', '2025-11-03T08:00', 9, '2025-11-03T17:00'],
    ['starts before opening', 'SE', '2025-11-03T06:00', 1, '2025-11-03T09:00'],
    ['starts on a Saturday', 'SE', '2025-11-01T12:00', 2, '2025-11-03T10:00'],
    ['over midsummer', 'SE', '2025-06-19T16:00', 2, '2025-06-23T09:00'],
    ['over Epifania', 'IT', '2025-01-03T16:00', 2, '2025-01-07T09:00'],
    ['across spring DST (30 Mar 2025)', 'SE', '2025-03-28T15:00', 4, '2025-03-31T10:00'],
    ['across autumn DST (26 Oct 2025)', 'SE', '2025-10-24T15:00', 4, '2025-10-27T10:00'],
    ['zero hours', 'SE', '2025-11-01T12:00', 0, '2025-11-01T12:00'],
  ] as const)('%s', (_name, code, start, hours, expected) => {
    const cal = code === 'SE' ? se : it_;
    expect(addBusinessHours(cal, at(code, start), hours)).toEqual(at(code, expected));
  });

  it('counts real hours on a 23- and a 25-hour day', () => {
    // Spring: 24 real hours from Saturday noon CET is Sunday 13:00 CEST.
    expect(addBusinessHours(always, at('SE', '2025-03-29T12:00'), 24)).toEqual(at('SE', '2025-03-30T13:00'));
    expect(addBusinessHours(always, at('SE', '2025-03-29T12:00'), 24).toISOString()).toBe(
      '2025-03-30T11:00:00.000Z',
    );
    // Autumn: Sunday has 25 hours, so 24 real hours later it is 11:00 CET.
    expect(addBusinessHours(always, at('SE', '2025-10-25T12:00'), 24)).toEqual(at('SE', '2025-10-26T11:00'));
  });

  it('skips paused office time but not paused nights', () => {
    const start = at('SE', '2025-11-03T09:00');
    const pause = { from: at('SE', '2025-11-03T10:00'), to: at('SE', '2025-11-03T12:00') };
    expect(addBusinessHours(se, start, 3, [pause])).toEqual(at('SE', '2025-11-03T14:00'));
    const night = { from: at('SE', '2025-11-03T18:00'), to: at('SE', '2025-11-04T07:00') };
    expect(addBusinessHours(se, start, 10, [night])).toEqual(at('SE', '2025-11-04T10:00'));
  });

  it('refuses an open pause that stops the clock, and bad input', () => {
    const start = at('SE', '2025-11-03T09:00');
    expect(() => addBusinessHours(se, start, 3, [{ from: at('SE', '2025-11-03T10:00'), to: null }])).toThrow(
      /open pause/,
    );
    expect(addBusinessHours(se, start, 1, [{ from: at('SE', '2025-11-03T10:00'), to: null }])).toEqual(
      at('SE', '2025-11-03T10:00'),
    );
    expect(() => addBusinessHours(se, start, -1)).toThrow(RangeError);
    expect(() =>
      addBusinessHours(se, start, 1, [{ from: start, to: new Date(start.getTime() - 1) }]),
    ).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['Monday morning + 1', 'SE', '2025-11-03T10:00', 1, '2025-11-04T17:00'],
    ['the start day is not counted even before opening', 'SE', '2025-11-03T07:00', 1, '2025-11-04T17:00'],
    ['Friday + 1 is Monday', 'SE', '2025-10-31T16:00', 1, '2025-11-03T17:00'],
    ['Saturday + 1 is Monday', 'SE', '2025-11-01T12:00', 1, '2025-11-03T17:00'],
    ['before midsummer', 'SE', '2025-06-19T10:00', 1, '2025-06-23T17:00'],
    ['over Christmas', 'SE', '2025-12-22T10:00', 3, '2025-12-30T17:00'],
    ['over Epifania', 'IT', '2025-01-03T10:00', 1, '2025-01-07T17:00'],
    ['ten days over Easter', 'IT', '2025-04-14T10:00', 10, '2025-04-30T17:00'],
  ] as const)('%s', (_name, code, start, days, expected) => {
    const cal = code === 'SE' ? se : it_;
    expect(addBusinessDays(cal, at(code, start), days)).toEqual(at(code, expected));
  });

  it('extends by the office time of a pause', () => {
    const pause = { from: at('SE', '2025-11-04T08:00'), to: at('SE', '2025-11-05T08:00') };
    expect(addBusinessDays(se, at('SE', '2025-11-03T10:00'), 1, [pause])).toEqual(
      at('SE', '2025-11-05T17:00'),
    );
    expect(() => addBusinessDays(se, at('SE', '2025-11-03T10:00'), 0)).toThrow(RangeError);
  });
});

describe('businessMsBetween', () => {
  it.each([
    ['Friday noon to Monday noon', '2025-10-31T12:00', '2025-11-03T12:00', 9],
    ['a whole week', '2025-11-03T00:00', '2025-11-10T00:00', 45],
    ['the midsummer week', '2025-06-16T00:00', '2025-06-23T00:00', 36],
    ['backwards is zero', '2025-11-03T12:00', '2025-11-03T10:00', 0],
  ])('%s', (_name, from, to, hours) => {
    expect(businessMsBetween(se, at('SE', from), at('SE', to))).toBe(hours * H);
  });

  it('excludes pauses, overlapping ones once', () => {
    const pauses = [
      { from: at('SE', '2025-11-03T09:00'), to: at('SE', '2025-11-03T11:00') },
      { from: at('SE', '2025-11-03T10:00'), to: at('SE', '2025-11-03T12:00') },
    ];
    expect(businessMsBetween(se, at('SE', '2025-11-03T08:00'), at('SE', '2025-11-03T17:00'), pauses)).toBe(
      6 * H,
    );
  });
});
