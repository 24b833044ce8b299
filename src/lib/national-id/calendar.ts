// Small calendar helpers shared by the national-id parsers. Plain integer arithmetic on
// proleptic Gregorian dates: no `Date` objects, so no time zones and no silent day overflow
// (`new Date(1985, 1, 30)` quietly becomes 2 March).

export type CalendarDate = { year: number; month: number; day: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 0 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses a strict `YYYY-MM-DD` string; `null` if malformed or not a real calendar date. */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative if a < b, zero if equal, positive if a > b. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Today's date in UTC (the server's reference clock). */
export function todayUtc(): CalendarDate {
  const now = new Date();
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/**
 * Resolves an optional `YYYY-MM-DD` reference date, defaulting to today (UTC).
 * A malformed reference date is a programming error, so it throws instead of returning a result.
 */
export function resolveReferenceDate(referenceDate: string | undefined): CalendarDate {
  if (referenceDate === undefined) return todayUtc();
  const parsed = parseIsoDate(referenceDate);
  if (!parsed) throw new RangeError(`referenceDate must be a valid YYYY-MM-DD date, got "${referenceDate}"`);
  return parsed;
}

/**
 * The most recent year ending in `twoDigitYear` such that the birthday `month`/`day` of that year
 * falls on or before `reference` minus `minimumAgeYears` years. Only month/day ordering is used, so
 * the caller must still check that the day exists in the returned year (29 February).
 */
export function mostRecentYear(
  twoDigitYear: number,
  month: number,
  day: number,
  reference: CalendarDate,
  minimumAgeYears = 0,
): number {
  const latestYear = reference.year - minimumAgeYears;
  let year = latestYear - ((((latestYear - twoDigitYear) % 100) + 100) % 100);
  if (
    year === latestYear &&
    (month > reference.month || (month === reference.month && day > reference.day))
  ) {
    year -= 100;
  }
  return year;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
