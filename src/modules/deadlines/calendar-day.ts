// Calendar dates as integer day numbers (days since 1970-01-01), so that the engine walks and
// compares days with integer arithmetic; Temporal is used only where a time zone is involved.

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m] ?? 0);
}

/** Day number of the proleptic Gregorian date y-m-d (m 1–12). Hinnant's days_from_civil. */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
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

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict `YYYY-MM-DD` string; throws RangeError for anything else. */
export function parseIsoDay(s: string): number {
  const m = ISO_DAY.exec(s);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(s)}`);
  }
  return dayFromCivil(y, mo, d);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatIsoDay(dayNumber: number): string {
  const c = civilFromDay(dayNumber);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
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
  return dayFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}
