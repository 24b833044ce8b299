import { describe, expect, it } from 'vitest';
import { businessCalendar, isBusinessDay, localDate, nextBusinessDay } from './business-calendar.ts';
import { at } from './test-instants.ts';

const se = businessCalendar('SE');
const it_ = businessCalendar('IT');

describe('isBusinessDay', () => {
  it.each([
    ['SE', '2025-06-19', true, 'Thursday before midsummer'],
    ['SE', '2025-06-20', false, 'midsommarafton (de-facto closed)'],
    ['SE', '2025-06-06', false, 'nationaldagen'],
    ['SE', '2025-04-18', false, 'långfredagen'],
    ['SE', '2025-04-21', false, 'annandag påsk'],
    ['SE', '2025-05-29', false, 'Kristi himmelsfärdsdag'],
    ['SE', '2025-12-24', false, 'julafton (de-facto closed)'],
    ['SE', '2025-12-31', false, 'nyårsafton (de-facto closed)'],
    ['SE', '2025-01-06', false, 'trettondedag jul'],
    ['SE', '2025-06-14', false, 'Saturday'],
    ['SE', '2025-11-03', true, 'ordinary Monday'],
    ['IT', '2025-01-06', false, 'Epifania'],
    ['IT', '2025-04-25', false, 'Liberazione'],
    ['IT', '2025-06-02', false, 'Festa della Repubblica'],
    ['IT', '2025-08-15', false, 'Ferragosto'],
    ['IT', '2025-12-08', false, 'Immacolata'],
    ['IT', '2025-12-24', true, 'Christmas Eve is a working day in Italy'],
    ['IT', '2025-06-20', true, 'no midsummer in Italy'],
    ['IT', '2025-06-15', false, 'Sunday'],
  ] as const)('%s %s is %s (%s)', (code, date, expected, _why) => {
    expect(isBusinessDay(code === 'SE' ? se : it_, date)).toBe(expected);
  });

  it('keeps midsommarafton on the Friday between 19 and 25 June', () => {
    expect(isBusinessDay(se, '2026-06-19')).toBe(false);
    expect(isBusinessDay(se, '2026-06-18')).toBe(true);
    expect(isBusinessDay(se, '2027-06-25')).toBe(false);
  });
});

describe('nextBusinessDay', () => {
  it.each([
    ['SE', '2025-06-19', '2025-06-23'],
    ['SE', '2025-12-23', '2025-12-29'],
    ['SE', '2025-04-17', '2025-04-22'],
    ['IT', '2025-01-03', '2025-01-07'],
    ['IT', '2025-12-23', '2025-12-24'],
    ['IT', '2025-12-24', '2025-12-29'],
  ] as const)('%s after %s is %s', (code, date, expected) => {
    expect(nextBusinessDay(code === 'SE' ? se : it_, date)).toBe(expected);
  });
});

describe('businessCalendar', () => {
  it('shares the default instance and makes a new one for overrides', () => {
    expect(businessCalendar('SE')).toBe(se);
    expect(businessCalendar('SE', {})).not.toBe(se);
  });

  it('takes office hours per weekday', () => {
    const cal = businessCalendar('SE', {
      officeHours: { sat: { opens: '10:00', closes: '14:00' }, mon: null },
    });
    expect(isBusinessDay(cal, '2025-06-14')).toBe(true);
    expect(isBusinessDay(cal, '2025-06-16')).toBe(false);
    expect(isBusinessDay(cal, '2025-06-17')).toBe(true);
    expect(isBusinessDay(cal, '2025-06-21')).toBe(false); // midsommardagen stays a holiday
  });

  it('replaces the extra closed days when given', () => {
    const open = businessCalendar('SE', { extraClosedDays: [] });
    expect(isBusinessDay(open, '2025-12-24')).toBe(true);
    const cal = businessCalendar('IT', {
      extraClosedDays: ['06-29', '2025-11-03', { weekday: 'mon', onOrAfter: '03-01' }],
    });
    expect(isBusinessDay(cal, '2026-06-29')).toBe(false);
    expect(isBusinessDay(cal, '2025-11-03')).toBe(false);
    expect(isBusinessDay(cal, '2026-11-02')).toBe(true);
    expect(isBusinessDay(cal, '2027-03-01')).toBe(false);
    expect(isBusinessDay(cal, '2027-03-02')).toBe(true);
  });

  it.each([
    [{ officeHours: { mon: { opens: '17:00', closes: '08:00' } } }],
    [{ officeHours: { mon: { opens: '8:00', closes: '17:00' } } }],
    [{ officeHours: { mon: { opens: '08:00', closes: '24:01' } } }],
    [{ officeHours: { mon: null, tue: null, wed: null, thu: null, fri: null } }],
    [{ extraClosedDays: ['13-01'] }],
    [{ extraClosedDays: ['2025-02-29'] }],
  ])('rejects %j', (overrides) => {
    expect(() => businessCalendar('SE', overrides)).toThrow(RangeError);
  });

  it('gives the local date around midnight and DST', () => {
    expect(localDate(se, new Date('2025-03-30T22:00:00Z'))).toBe('2025-03-31'); // 00:00 CEST
    expect(localDate(se, new Date('2025-03-30T21:59:59.999Z'))).toBe('2025-03-30');
    expect(localDate(se, new Date('2025-10-26T22:59:59.999Z'))).toBe('2025-10-26'); // 23:59 CET
    expect(localDate(it_, at('IT', '2025-01-01T00:00'))).toBe('2025-01-01');
  });
});
