import Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';
import {
  civilFromDay,
  daysFromCivil,
  daysInMonth,
  formatIsoDay,
  isoWeekday,
  parseIsoDayOrThrow,
} from '../../lib/day-number.ts';

// A business calendar says, for one country, which local days are working days and when the office
// is open on them. Everything else in the engine asks it questions by integer day number and epoch
// milliseconds; answers are cached per calendar because a sweep evaluates thousands of clocks and
// both date-holidays (~ms per country-year) and Temporal zone conversions (~10 µs) are slow.

export type CalendarCode = 'SE' | 'IT';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** Local wall-clock opening hours, `HH:MM`; `closes` may be `24:00`. */
export type OfficeHours = { opens: string; closes: string };
/**
 * A day closed on top of the public holidays: `MM-DD` every year, `YYYY-MM-DD` once, or a weekday
 * on or after a fixed date each year (Swedish midsommarafton is the Friday on or after 19 June).
 */
export type ClosedDay = string | { weekday: Weekday; onOrAfter: string };

export type CalendarOverrides = {
  /** Per weekday; `null` closes that weekday. Weekdays not given keep the default. */
  officeHours?: Partial<Record<Weekday, OfficeHours | null>>;
  /** Replaces (does not extend) the country's default extra closed days. */
  extraClosedDays?: readonly ClosedDay[];
};

export type BusinessCalendar = {
  readonly code: CalendarCode;
  readonly timeZone: string;
  readonly officeHours: Readonly<Record<Weekday, OfficeHours | null>>;
  readonly extraClosedDays: readonly ClosedDay[];
};

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const TIME_ZONES: Record<CalendarCode, string> = { SE: 'Europe/Stockholm', IT: 'Europe/Rome' };

const WORKDAY: OfficeHours = { opens: '08:00', closes: '17:00' };
const DEFAULT_OFFICE_HOURS: Record<Weekday, OfficeHours | null> = {
  mon: WORKDAY,
  tue: WORKDAY,
  wed: WORKDAY,
  thu: WORKDAY,
  fri: WORKDAY,
  sat: null,
  sun: null,
};

const DEFAULT_EXTRA_CLOSED: Record<CalendarCode, readonly ClosedDay[]> = {
  // Midsommarafton, julafton and nyårsafton are not public holidays in law (date-holidays types
  // them 'bank'), but offices are closed on them in practice, and lag (1930:173) om beräkning av
  // lagstadgad tid 1 § treats them like Sundays: a statutory period ending on one runs to the
  // next weekday.
  SE: [{ weekday: 'fri', onOrAfter: '06-19' }, '12-24', '12-31'],
  // Only national holidays; a local patron saint's day (e.g. 29 June in Rome) is added per office.
  IT: [],
};

type Cache = {
  /** Closed days (public holidays + extras) per year that has been loaded. */
  closedByYear: Map<number, Set<number>>;
  business: Map<number, boolean>;
  /** [opens, closes] in epoch ms for a business day. */
  office: Map<number, readonly [number, number]>;
  minutes: Record<Weekday, readonly [number, number] | null>;
};

const caches = new WeakMap<BusinessCalendar, Cache>();
const defaults = new Map<CalendarCode, BusinessCalendar>();
const holidayEngines = new Map<CalendarCode, Holidays>();
const publicHolidays = new Map<string, readonly number[]>();

function parseClock(value: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = Number(m?.[1]) * 60 + Number(m?.[2]);
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`${what}: not HH:MM: ${value}`);
  return minutes;
}

function validate(cal: BusinessCalendar): Cache['minutes'] {
  const minutes = {} as Record<Weekday, readonly [number, number] | null>;
  for (const wd of WEEKDAYS) {
    const h = cal.officeHours[wd];
    if (!h) {
      minutes[wd] = null;
      continue;
    }
    const span = [parseClock(h.opens, `${wd}.opens`), parseClock(h.closes, `${wd}.closes`)] as const;
    if (span[0] >= span[1]) throw new RangeError(`${wd}: office must open before it closes`);
    minutes[wd] = span;
  }
  if (WEEKDAYS.every((wd) => minutes[wd] === null)) throw new RangeError('calendar has no office hours');
  for (const c of cal.extraClosedDays) closedDayIn(c, 2000); // throws on a malformed entry
  return minutes;
}

/**
 * The calendar for a country: the shared default instance when there are no overrides (so that
 * its caches are shared by every clock), otherwise a new one.
 */
export function businessCalendar(code: CalendarCode, overrides?: CalendarOverrides): BusinessCalendar {
  const shared = overrides === undefined ? defaults.get(code) : undefined;
  if (shared) return shared;
  const timeZone = TIME_ZONES[code];
  if (!timeZone) throw new RangeError(`unknown calendar: ${code}`);
  const cal: BusinessCalendar = Object.freeze({
    code,
    timeZone,
    officeHours: Object.freeze({ ...DEFAULT_OFFICE_HOURS, ...overrides?.officeHours }),
    extraClosedDays: Object.freeze([...(overrides?.extraClosedDays ?? DEFAULT_EXTRA_CLOSED[code])]),
  });
  caches.set(cal, {
    closedByYear: new Map(),
    business: new Map(),
    office: new Map(),
    minutes: validate(cal),
  });
  if (overrides === undefined) defaults.set(code, cal);
  return cal;
}

function cacheOf(cal: BusinessCalendar): Cache {
  const c = caches.get(cal);
  if (!c) throw new TypeError('not a calendar made by businessCalendar()');
  return c;
}

/** Public holidays (type 'public' only) of one country-year, shared by all its calendars. */
function publicHolidaysIn(code: CalendarCode, year: number): readonly number[] {
  const key = `${code}:${year}`;
  let days = publicHolidays.get(key);
  if (!days) {
    let engine = holidayEngines.get(code);
    if (!engine) {
      engine = new Holidays(code, { types: ['public'] });
      holidayEngines.set(code, engine);
    }
    days = engine
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => parseIsoDayOrThrow(h.date.slice(0, 10)));
    publicHolidays.set(key, days);
  }
  return days;
}

function monthDay(md: string, year: number): number {
  const m = /^(\d{2})-(\d{2})$/.exec(md);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`not MM-DD: ${md}`);
  // 29 February in a common year simply does not occur.
  return day > daysInMonth(year, month) ? Number.NaN : daysFromCivil(year, month, day);
}

function closedDayIn(c: ClosedDay, year: number): number {
  if (typeof c !== 'string') {
    const from = monthDay(c.onOrAfter, year);
    const target = WEEKDAYS.indexOf(c.weekday) + 1;
    if (target === 0) throw new RangeError(`unknown weekday: ${c.weekday}`);
    return from + ((target - isoWeekday(from) + 7) % 7);
  }
  if (c.length === 5) return monthDay(c, year);
  const day = parseIsoDayOrThrow(c);
  return civilFromDay(day).year === year ? day : Number.NaN;
}

// Days an administrator closed the office (admin-config, stored in business_calendar_closed_days),
// per country. They apply to the shared default calendars — the ones every clock counts on — and
// not to a calendar made with explicit overrides (tests, what-ifs), which says all it means itself.
const adminClosed = new Map<CalendarCode, readonly number[]>();

/**
 * Replaces the administrator's closed days of a country (`YYYY-MM-DD`) and forgets what the shared
 * calendar had worked out from the old ones, so the next question is answered with the new days.
 */
export function configureAdminClosedDays(code: CalendarCode, dates: readonly string[]): void {
  adminClosed.set(code, dates.map(parseIsoDayOrThrow));
  const shared = defaults.get(code);
  if (!shared) return;
  const cache = cacheOf(shared);
  cache.closedByYear.clear();
  cache.business.clear();
  cache.office.clear();
}

function closedDays(cal: BusinessCalendar, cache: Cache, year: number): Set<number> {
  let set = cache.closedByYear.get(year);
  if (!set) {
    set = new Set(publicHolidaysIn(cal.code, year));
    for (const c of cal.extraClosedDays) set.add(closedDayIn(c, year));
    if (defaults.get(cal.code) === cal) {
      for (const d of adminClosed.get(cal.code) ?? []) if (civilFromDay(d).year === year) set.add(d);
    }
    cache.closedByYear.set(year, set);
  }
  return set;
}

/** Whether the local day (day number) has office hours and is not a holiday or closed day. */
export function isBusinessDayNumber(cal: BusinessCalendar, day: number): boolean {
  const cache = cacheOf(cal);
  let open = cache.business.get(day);
  if (open === undefined) {
    open =
      cache.minutes[WEEKDAYS[isoWeekday(day) - 1] as Weekday] !== null &&
      !closedDays(cal, cache, civilFromDay(day).year).has(day);
    cache.business.set(day, open);
  }
  return open;
}

/** The first business day strictly after `day`, as a day number. */
export function nextBusinessDayNumber(cal: BusinessCalendar, day: number): number {
  // Ten years without a business day means a calendar closed by configuration, not a long holiday.
  for (let d = day + 1; d < day + 3660; d++) if (isBusinessDayNumber(cal, d)) return d;
  throw new RangeError(`no business day within ten years after ${formatIsoDay(day)}`);
}

export function isBusinessDay(cal: BusinessCalendar, date: string): boolean {
  return isBusinessDayNumber(cal, parseIsoDayOrThrow(date));
}

/** The first business day after `date` (`YYYY-MM-DD` in, `YYYY-MM-DD` out). */
export function nextBusinessDay(cal: BusinessCalendar, date: string): string {
  return formatIsoDay(nextBusinessDayNumber(cal, parseIsoDayOrThrow(date)));
}

// Local midnights are shared by every calendar in the same zone.
const midnights = new Map<string, Map<number, number>>();

function localInstant(cal: BusinessCalendar, day: number, minutes: number): number {
  const { year, month, day: dd } = civilFromDay(day);
  // 'compatible' moves a time inside a spring-forward gap later, like a wall clock would.
  return Temporal.PlainDateTime.from({
    year,
    month,
    day: dd,
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
  }).toZonedDateTime(cal.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Epoch ms of the start of local day `day` (the first instant of that day in the calendar's zone). */
export function dayStartMs(cal: BusinessCalendar, day: number): number {
  let zone = midnights.get(cal.timeZone);
  if (!zone) {
    zone = new Map();
    midnights.set(cal.timeZone, zone);
  }
  let ms = zone.get(day);
  if (ms === undefined) {
    const { year, month, day: dd } = civilFromDay(day);
    ms = Temporal.PlainDate.from({ year, month, day: dd }).toZonedDateTime(cal.timeZone).epochMilliseconds;
    zone.set(day, ms);
  }
  return ms;
}

/** The local day (day number) that contains the instant `ms`. */
export function localDayOf(cal: BusinessCalendar, ms: number): number {
  let day = Math.floor(ms / 86_400_000);
  while (dayStartMs(cal, day) > ms) day--;
  while (dayStartMs(cal, day + 1) <= ms) day++;
  return day;
}

/** `YYYY-MM-DD` of the local day that contains `instant`. */
export function localDate(cal: BusinessCalendar, instant: Date): string {
  return formatIsoDay(localDayOf(cal, instant.getTime()));
}

/** Office hours of a business day as [opens, closes) in epoch ms; null on a closed day. */
export function officeSpan(cal: BusinessCalendar, day: number): readonly [number, number] | null {
  if (!isBusinessDayNumber(cal, day)) return null;
  const cache = cacheOf(cal);
  let span = cache.office.get(day);
  if (!span) {
    const [opens, closes] = cache.minutes[WEEKDAYS[isoWeekday(day) - 1] as Weekday] as readonly [
      number,
      number,
    ];
    const end = closes === 24 * 60 ? dayStartMs(cal, day + 1) : localInstant(cal, day, closes);
    span = [localInstant(cal, day, opens), end];
    cache.office.set(day, span);
  }
  return span;
}
