// Calendar dates as integer day numbers (days since 1970-01-01, UTC calendar days), so that the
// assessment engine and the deadline engine compare and add dates with integer arithmetic instead
// of Date or Temporal objects (Temporal only where a time zone is involved). Only strict
// `YYYY-MM-DD` strings for real calendar days are accepted (years 0000–9999).

/** Day number of the proleptic Gregorian date y-m-d (m 1–12). Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m] ?? 0);
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Day number of a `YYYY-MM-DD` date, or NaN when the value is not a valid date in that form. */
export function parseIsoDay(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) {
    return Number.NaN;
  }
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return daysFromCivilSmall(y, m, d);
}

/**
 * daysFromCivil for years 0–9999 (what parseIsoDay accepts), in integer arithmetic: the year is
 * shifted by 400 years (exactly 146,097 days) so that every quotient is of a non-negative number
 * and `(a / b) | 0` equals Math.floor(a / b). V8 then divides with integer instructions instead of
 * floating-point division and rounding, which made this the costliest step of parsing a date.
 */
function daysFromCivilSmall(y: number, m: number, d: number): number {
  const yy = (m <= 2 ? y - 1 : y) + 400;
  const era = (yy / 400) | 0;
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (((153 * mp + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return (era - 1) * 146097 + doe - 719468;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

export function formatYmd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `YYYY-MM-DD` for a day number. Hinnant's civil_from_days. */
export function formatIsoDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return formatYmd(y, m, d);
}

/** Day number of a strict `YYYY-MM-DD` string; throws RangeError for anything else. */
export function parseIsoDayOrThrow(s: string): number {
  const day = parseIsoDay(s);
  if (Number.isNaN(day)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return day;
}

export type Civil = { year: number; month: number; day: number };

/** Hinnant's civil_from_days. */
export function civilFromDay(dayNumber: number): Civil {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The same day of the month `months` later; a day the target month lacks becomes its last day
 * (Temporal's `overflow: 'constrain'`): one month after 31 January is the end of February. This is
 * also how Swedish practice and art. 2963 c.c. (Italy) end a period counted in months.
 */
export function addMonths(dayNumber: number, months: number): number {
  const c = civilFromDay(dayNumber);
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}
