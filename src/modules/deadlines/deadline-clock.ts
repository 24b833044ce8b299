import { Temporal } from 'temporal-polyfill';
import { addMonths } from '../../lib/day-number.ts';
import {
  type BusinessCalendar,
  dayStartMs,
  isBusinessDayNumber,
  localDate,
  localDayOf,
  nextBusinessDayNumber,
} from './business-calendar.ts';
import {
  advanceBusinessMs,
  businessMsIn,
  closeOfNthBusinessDay,
  normalizePauses,
  type PauseSpans,
} from './business-time.ts';
import type { DeadlinePolicy } from './deadline-policies.ts';

// A clock turns a policy, a calendar, a start and pauses into instants. Every clock has a budget of
// active time in its own measure — wall-clock time for calendar units, office time for business
// units — equal to the time from the start to the legal/contractual due instant as if nothing had
// paused. Paused time never counts: the due instant is when the active time reaches the budget, so
// a closed pause moves a calendar clock by exactly its length and a business clock by the office
// time it covered. Exact lengths rather than whole days: rounding up would give us time the
// customer did not take. Details and examples: docs/deadlines.md.

export type Pause = { from: Date; to: Date | null }; // to null: still paused (open pause)
export type Clock = {
  policy: DeadlinePolicy;
  calendar: BusinessCalendar;
  startedAt: Date;
  pauses: readonly Pause[];
};
export type ThresholdKind = 'warning' | 'breach' | 'second_escalation';
export type Threshold = { stage: number; kind: ThresholdKind; at: Date }; // stage 1..n in time order
export type DeadlineState = 'on_track' | 'warning' | 'breached' | 'paused';

const HOUR_MS = 3_600_000;

type Measure = {
  start: number;
  total: number;
  spans: PauseSpans;
  business: BusinessCalendar | null;
};

/**
 * The due instant before pauses. Calendar units end at the end of the due day (the instant the next
 * local day starts): Swedish and Italian law count the whole last day and not the first.
 */
function unpausedDue(clock: Clock, start: number): number {
  const { calendar: cal, policy } = clock;
  const { unit, amount } = policy.clock;
  const startDay = localDayOf(cal, start);
  if (unit === 'business_hours') return advanceBusinessMs(cal, start, amount * HOUR_MS, []);
  if (unit === 'business_days') return closeOfNthBusinessDay(cal, startDay, amount);
  let dueDay = unit === 'calendar_days' ? startDay + amount : addMonths(startDay, amount);
  if (policy.rollForwardToBusinessDay && !isBusinessDayNumber(cal, dueDay)) {
    dueDay = nextBusinessDayNumber(cal, dueDay);
  }
  return dayStartMs(cal, dueDay + 1);
}

function measureOf(clock: Clock, pauses: readonly Pause[]): { m: Measure; due0: number } {
  const { policy, calendar } = clock;
  if (policy.jurisdiction !== null && policy.jurisdiction !== calendar.code) {
    throw new Error(`policy ${policy.code} needs the ${policy.jurisdiction} calendar, not ${calendar.code}`);
  }
  const start = clock.startedAt.getTime();
  const due0 = unpausedDue(clock, start);
  const business = policy.clock.unit.startsWith('business_') ? calendar : null;
  const total = business ? businessMsIn(business, start, due0, []) : due0 - start;
  const spans = policy.pausesWhileAwaitingCustomer ? normalizePauses(pauses, start) : [];
  return { m: { start, total, spans, business }, due0 };
}

/** The instant at which `amount` of active time has passed; Infinity if an open pause comes first. */
function advance(m: Measure, amount: number): number {
  if (m.business) return advanceBusinessMs(m.business, m.start, amount, m.spans);
  let at = m.start;
  let left = amount;
  for (const [from, to] of m.spans) {
    if (from >= at + left) break;
    left -= Math.max(0, from - at);
    at = Math.max(at, to);
  }
  return at + left;
}

function activeUntil(m: Measure, now: number): number {
  if (m.business) return businessMsIn(m.business, m.start, now, m.spans);
  let active = Math.max(0, now - m.start);
  for (const [from, to] of m.spans) if (from < now) active -= Math.min(to, now) - from;
  return active;
}

function secondEscalation(clock: Clock, due: number): number {
  const cal = clock.calendar;
  const { unit, amount } = clock.policy.secondEscalationAfter;
  if (unit === 'business_hours') return advanceBusinessMs(cal, due, amount * HOUR_MS, []);
  // Counted from the last day of the deadline (the day of the instant just before the breach).
  const lastDay = localDayOf(cal, due - 1);
  if (unit === 'business_days') return closeOfNthBusinessDay(cal, lastDay, amount);
  if (dayStartMs(cal, lastDay + 1) === due) return dayStartMs(cal, lastDay + 1 + amount);
  // A pause moved the due instant off midnight: same wall-clock time `amount` days later.
  return Temporal.Instant.fromEpochMilliseconds(due).toZonedDateTimeISO(cal.timeZone).add({ days: amount })
    .epochMilliseconds;
}

function warningTimes(clock: Clock, m: Measure): number[] {
  return clock.policy.warnAtShares.map((share) => advance(m, Math.ceil(share * m.total)));
}

function buildThresholds(clock: Clock, m: Measure, due: number): Threshold[] {
  const times = [...warningTimes(clock, m), due, secondEscalation(clock, due)];
  const kinds: ThresholdKind[] = [...clock.policy.warnAtShares.map((): ThresholdKind => 'warning'), 'breach'];
  kinds.push('second_escalation');
  return times.map((at, i) => ({ stage: i + 1, kind: kinds[i] as ThresholdKind, at: new Date(at) }));
}

function timelineFor(clock: Clock, pauses: readonly Pause[]) {
  const { m, due0 } = measureOf(clock, pauses);
  const due = m.spans.length === 0 ? due0 : advance(m, m.total);
  return { m, due };
}

/** Due instant and every threshold instant; null while an open pause stops the clock. */
export function deadlineTimeline(clock: Clock): { dueAt: Date; thresholds: Threshold[] } | null {
  const { m, due } = timelineFor(clock, clock.pauses);
  if (due === Infinity) return null;
  return { dueAt: new Date(due), thresholds: buildThresholds(clock, m, due) };
}

/** The pauses as they stood at `now`: later ones have not begun, unfinished ones are still open. */
function pausesAsOf(pauses: readonly Pause[], now: number): Pause[] {
  return pauses
    .filter((p) => p.from.getTime() <= now)
    .map((p) => (p.to === null || p.to.getTime() > now ? { from: p.from, to: null } : p));
}

export function deadlineStatus(
  clock: Clock,
  now: Date,
): {
  state: DeadlineState;
  dueAt: Date | null; // null while paused
  stageReached: number; // thresholds with at <= now; while paused: those reached before the pause
  elapsedShare: number; // active elapsed / total (business time for business units), may exceed 1
  timeLeftMs: number | null; // wall-clock ms until dueAt (negative when breached), null while paused
  nextThresholdAt: Date | null; // the next threshold after now (null while paused or after the last one)
} {
  const t = now.getTime();
  const { m, due } = timelineFor(clock, pausesAsOf(clock.pauses, t));
  const elapsedShare = activeUntil(m, t) / m.total;
  if (due === Infinity) {
    const reached = warningTimes(clock, m).filter((at) => at <= t).length;
    return {
      state: 'paused',
      dueAt: null,
      stageReached: reached,
      elapsedShare,
      timeLeftMs: null,
      nextThresholdAt: null,
    };
  }
  const thresholds = buildThresholds(clock, m, due);
  const stageReached = thresholds.filter((th) => th.at.getTime() <= t).length;
  const state: DeadlineState = t >= due ? 'breached' : stageReached > 0 ? 'warning' : 'on_track';
  return {
    state,
    dueAt: new Date(due),
    stageReached,
    elapsedShare,
    timeLeftMs: due - t,
    nextThresholdAt: thresholds.find((th) => th.at.getTime() > t)?.at ?? null,
  };
}

/** The last local day of a deadline (`YYYY-MM-DD` of the instant just before `dueAt`), for letters and lists. */
export function deadlineDay(calendar: BusinessCalendar, dueAt: Date): string {
  return localDate(calendar, new Date(dueAt.getTime() - 1));
}
