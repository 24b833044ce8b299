import {
  civilFromDay,
  daysFromCivil,
  formatIsoDay,
  isoWeekday,
  parseIsoDayOrThrow,
} from '../../lib/day-number.ts';
import { businessCalendar, isBusinessDay } from '../deadlines/index.ts';

// On which days a bank executes a credit transfer, per currency (pure):
// - SEK: Swedish bank days. The SE business calendar is exactly that: weekends, public holidays and
//   midsommarafton, julafton and nyårsafton closed (Bankgirot and RIX do not settle on them).
// - EUR: the TARGET2 calendar of the Eurosystem: closed Saturdays, Sundays, 1 January, Good Friday,
//   Easter Monday, 1 May, 25 and 26 December, and nothing else (no national holidays: an Italian
//   bank holiday does not stop a SEPA credit transfer).
// - Any other currency has no calendar configured: weekdays only, and such an order is held anyway
//   (currency_not_configured), so a person picks the date.

export type BankingCalendar = 'SE' | 'TARGET2' | 'weekdays';

export function bankingCalendarOf(currency: string): BankingCalendar {
  if (currency === 'SEK') return 'SE';
  if (currency === 'EUR') return 'TARGET2';
  return 'weekdays';
}

/** The zone whose wall clock decides "today" and the cut-off: TARGET2 runs on CET. */
export function bankingTimeZone(calendar: BankingCalendar): string {
  return calendar === 'SE' ? 'Europe/Stockholm' : 'Europe/Berlin';
}

/** Easter Sunday (Gregorian) as a day number: the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}

export function isTarget2Closed(day: number): boolean {
  if (isWeekend(day)) return true;
  const { year, month, day: dd } = civilFromDay(day);
  if ((month === 1 && dd === 1) || (month === 5 && dd === 1) || (month === 12 && (dd === 25 || dd === 26))) {
    return true;
  }
  const easter = easterSunday(year);
  return day === easter - 2 || day === easter + 1;
}

const se = businessCalendar('SE');

function isBankingDayNumber(calendar: BankingCalendar, day: number): boolean {
  switch (calendar) {
    case 'SE':
      return isBusinessDay(se, formatIsoDay(day));
    case 'TARGET2':
      return !isTarget2Closed(day);
    case 'weekdays':
      return !isWeekend(day);
  }
}

export function isBankingDay(calendar: BankingCalendar, date: string): boolean {
  return isBankingDayNumber(calendar, parseIsoDayOrThrow(date));
}

/** The first banking day on or after `date`. */
export function bankingDayOnOrAfter(calendar: BankingCalendar, date: string): string {
  let day = parseIsoDayOrThrow(date);
  // A closed stretch is at most a few days (Easter, Christmas): a year without one is a bug.
  for (let i = 0; i < 366; i++, day++) if (isBankingDayNumber(calendar, day)) return formatIsoDay(day);
  throw new RangeError(`no banking day within a year after ${date}`);
}

/** The first banking day strictly after `date`. */
export function nextBankingDay(calendar: BankingCalendar, date: string): string {
  return bankingDayOnOrAfter(calendar, formatIsoDay(parseIsoDayOrThrow(date) + 1));
}

/** `date` moved `n` ≥ 0 banking days forward (n = 0: `date` itself, rolled to a banking day). */
export function addBankingDays(calendar: BankingCalendar, date: string, n: number): string {
  let current = bankingDayOnOrAfter(calendar, date);
  for (let i = 0; i < n; i++) current = nextBankingDay(calendar, current);
  return current;
}
