import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../lib/day-number.ts';
import {
  addBankingDays,
  bankingCalendarOf,
  bankingDayOnOrAfter,
  easterSunday,
  isBankingDay,
  nextBankingDay,
} from './banking-calendar.ts';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [1961, '1961-04-02'],
  ])('%i → %s', (year, date) => {
    expect(formatIsoDay(easterSunday(year))).toBe(date);
  });
});

describe('TARGET2 (EUR)', () => {
  const cal = bankingCalendarOf('EUR');
  it('is closed on its six holidays and weekends only', () => {
    for (const closed of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-12-25',
      '2026-12-26',
    ]) {
      expect(isBankingDay(cal, closed), closed).toBe(false);
    }
    expect(isBankingDay(cal, '2026-03-07')).toBe(false); // Saturday
    // National holidays are banking days for TARGET2: Epiphany, Italian Republic Day, Ascension.
    for (const open of ['2026-01-06', '2026-06-02', '2026-05-14', '2026-12-24', '2026-12-31']) {
      expect(isBankingDay(cal, open), open).toBe(true);
    }
  });
  it('skips Good Friday to Easter Monday', () => {
    expect(nextBankingDay(cal, '2026-04-02')).toBe('2026-04-07');
    expect(bankingDayOnOrAfter(cal, '2026-04-03')).toBe('2026-04-07');
    expect(nextBankingDay(cal, '2026-12-24')).toBe('2026-12-28');
  });
});

describe('Swedish bank days (SEK)', () => {
  const cal = bankingCalendarOf('SEK');
  it('closes midsommarafton, julafton, nyårsafton and Ascension', () => {
    for (const closed of [
      '2026-06-19',
      '2026-12-24',
      '2026-12-31',
      '2026-05-14',
      '2026-06-06',
      '2026-04-03',
    ]) {
      expect(isBankingDay(cal, closed), closed).toBe(false);
    }
    expect(isBankingDay(cal, '2026-06-18')).toBe(true);
    expect(nextBankingDay(cal, '2026-12-23')).toBe('2026-12-28');
  });
  it('adds banking days', () => {
    expect(addBankingDays(cal, '2026-04-02', 1)).toBe('2026-04-07');
    expect(addBankingDays(cal, '2026-03-07', 0)).toBe('2026-03-09');
  });
});

describe('other currencies', () => {
  it('fall back to weekdays', () => {
    expect(bankingCalendarOf('NOK')).toBe('weekdays');
    expect(nextBankingDay('weekdays', '2026-12-24')).toBe('2026-12-25');
  });
});
