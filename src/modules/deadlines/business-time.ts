import {
  type BusinessCalendar,
  dayStartMs,
  isBusinessDayNumber,
  localDayOf,
  nextBusinessDayNumber,
  officeSpan,
} from './business-calendar.ts';

// Arithmetic on instants in a business calendar. Business time is the office hours of business
// days, measured in real elapsed milliseconds (an office day that spans a DST change is as long as
// it really is), minus any pause. Internally instants are epoch milliseconds; `Date` is used only
// at the exported boundary.

export type TimeInterval = { from: Date; to: Date | null };
/** Sorted, disjoint pauses in epoch ms; an open pause ends at +Infinity. */
export type PauseSpans = readonly (readonly [number, number])[];

const HOUR_MS = 3_600_000;

/** Sorts and merges pauses, dropping empty ones and the parts before `notBefore`. */
export function normalizePauses(pauses: readonly TimeInterval[], notBefore = -Infinity): PauseSpans {
  const spans: [number, number][] = [];
  for (const p of pauses) {
    const from = Math.max(p.from.getTime(), notBefore);
    const to = p.to === null ? Infinity : p.to.getTime();
    if (!(to >= p.from.getTime())) throw new RangeError('a pause must not end before it starts');
    if (to > from) spans.push([from, to]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push(s);
  }
  return merged;
}

/**
 * Calls `visit` with each active stretch [start, end) of business time from `from` on, in time
 * order, until it returns true. Stops for good at an open pause.
 */
function walkBusiness(
  cal: BusinessCalendar,
  from: number,
  pauses: PauseSpans,
  visit: (start: number, end: number) => boolean,
): void {
  let p = 0;
  let day = localDayOf(cal, from);
  if (!isBusinessDayNumber(cal, day)) day = nextBusinessDayNumber(cal, day);
  for (;;) {
    const span = officeSpan(cal, day) as readonly [number, number];
    let start = Math.max(span[0], from);
    const end = span[1];
    while (start < end) {
      while (p < pauses.length && (pauses[p] as readonly [number, number])[1] <= start) p++;
      const pause = pauses[p];
      if (pause && pause[0] <= start) {
        if (pause[1] === Infinity) return;
        start = pause[1];
        continue;
      }
      const stop = pause ? Math.min(end, pause[0]) : end;
      if (visit(start, stop)) return;
      start = stop;
    }
    day = nextBusinessDayNumber(cal, day);
  }
}

/** The earliest instant at which `amount` ms of business time have passed since `from`; Infinity if an open pause comes first. */
export function advanceBusinessMs(
  cal: BusinessCalendar,
  from: number,
  amount: number,
  pauses: PauseSpans,
): number {
  if (amount <= 0) return from;
  let left = amount;
  let at = Infinity;
  walkBusiness(cal, from, pauses, (start, end) => {
    if (end - start < left) {
      left -= end - start;
      return false;
    }
    at = start + left;
    return true;
  });
  return at;
}

/** Business ms in [from, to), pauses excluded. */
export function businessMsIn(cal: BusinessCalendar, from: number, to: number, pauses: PauseSpans): number {
  let total = 0;
  if (to <= from) return 0;
  walkBusiness(cal, from, pauses, (start, end) => {
    if (start >= to) return true;
    total += Math.min(end, to) - start;
    return end >= to;
  });
  return total;
}

/** Close of business on the `n`th business day after the local day of `from` (that day not counted). */
export function closeOfNthBusinessDay(cal: BusinessCalendar, fromDay: number, n: number): number {
  let day = fromDay;
  for (let i = 0; i < n; i++) day = nextBusinessDayNumber(cal, day);
  return (officeSpan(cal, day) as readonly [number, number])[1];
}

function positiveInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer`);
}

function finite(ms: number): Date {
  if (ms === Infinity) throw new RangeError('an open pause stops the clock before the time is reached');
  return new Date(ms);
}

/**
 * Close of business on the `days`th business day after the day of `start` — the day the work
 * arrives is not counted, as with statutory periods — extended by the business time of any pause.
 */
export function addBusinessDays(
  cal: BusinessCalendar,
  start: Date,
  days: number,
  pauses: readonly TimeInterval[] = [],
): Date {
  positiveInteger(days, 'days');
  const from = start.getTime();
  const due = closeOfNthBusinessDay(cal, localDayOf(cal, from), days);
  if (pauses.length === 0) return new Date(due);
  const spans = normalizePauses(pauses, from);
  return finite(advanceBusinessMs(cal, from, businessMsIn(cal, from, due, []), spans));
}

/** The earliest instant at which `hours` of office time (pauses excluded) have passed since `start`. */
export function addBusinessHours(
  cal: BusinessCalendar,
  start: Date,
  hours: number,
  pauses: readonly TimeInterval[] = [],
): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError('hours must be a finite number >= 0');
  const from = start.getTime();
  return finite(advanceBusinessMs(cal, from, Math.round(hours * HOUR_MS), normalizePauses(pauses, from)));
}

/** Business milliseconds between two instants (0 when `to` is not after `from`), pauses excluded. */
export function businessMsBetween(
  cal: BusinessCalendar,
  from: Date,
  to: Date,
  pauses: readonly TimeInterval[] = [],
): number {
  return businessMsIn(cal, from.getTime(), to.getTime(), normalizePauses(pauses));
}

/** Start of the local day after `day` — the exclusive end of a deadline that runs to the end of `day`. */
export function endOfDayMs(cal: BusinessCalendar, day: number): number {
  return dayStartMs(cal, day + 1);
}
