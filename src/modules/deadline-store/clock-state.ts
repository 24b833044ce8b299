import type { DeadlineRow, PauseJson } from '../../db/schema.ts';
import {
  businessCalendar,
  type Clock,
  deadlinePolicy,
  deadlineStatus,
  deadlineTimeline,
  type Threshold,
} from '../deadlines/index.ts';

// The bridge between a deadlines row and the pure engine: a row becomes a Clock, and the engine's
// answer becomes the columns the sweep and the queues read (due_at, next_check_at, state, stage).

type ClockFields = Pick<DeadlineRow, 'policy_code' | 'calendar' | 'started_at' | 'pauses'> & {
  stage_reached?: number;
};
type SweptFields = ClockFields & Pick<DeadlineRow, 'stage_reached'>;

export function clockOf(row: ClockFields): Clock {
  return {
    policy: deadlinePolicy(row.policy_code),
    calendar: businessCalendar(row.calendar),
    startedAt: row.started_at,
    pauses: row.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
  };
}

export type ClockColumns = {
  status: 'running' | 'paused';
  due_at: Date | null;
  next_check_at: Date | null;
  state: 'on_track' | 'warning' | 'breached' | 'paused';
};

/** The stored columns for a live clock at `now` (stage_reached is the sweep's to move, not this). */
export function clockColumns(row: ClockFields, now: Date): ClockColumns {
  const clock = clockOf(row);
  const status = deadlineStatus(clock, now);
  const paused = status.state === 'paused';
  return {
    status: paused ? 'paused' : 'running',
    due_at: status.dueAt,
    // The sweep looks at a row when its next threshold passes; a threshold already passed but not
    // yet acted on (stage_reached behind) is due now.
    next_check_at: paused ? null : nextCheck(clock, row, now),
    state: status.state,
  };
}

function nextCheck(clock: Clock, row: ClockFields, now: Date): Date | null {
  const timeline = deadlineTimeline(clock);
  if (!timeline) return null;
  const reached = row.stage_reached ?? 0;
  const pending = timeline.thresholds.find((t) => t.stage > reached);
  if (!pending) return null;
  return pending.at <= now ? now : pending.at;
}

export type SweepStep = {
  /** Thresholds passed by `now` that the row has not acted on yet, in order. */
  passed: Threshold[];
  /** The columns after acting on them. */
  stage_reached: number;
  state: ClockColumns['state'];
  next_check_at: Date | null;
};

/**
 * What one sweep does to a running clock: the thresholds to act on and the row's columns afterwards
 * (as clockColumns with the new stage). One engine evaluation: deadlineStatus counts the pauses as
 * they stood at `now`, which for a clock whose pauses all ended by then is its timeline itself, so
 * the state follows from the timeline. Any other clock (an open or future pause) takes the long way.
 */
export function sweepStep(row: SweptFields, now: Date): SweepStep {
  const clock = clockOf(row);
  const t = now.getTime();
  const settled = clock.pauses.every((p) => p.to !== null && p.to.getTime() <= t);
  const timeline = settled ? deadlineTimeline(clock) : null;
  if (!timeline) return sweepStepSlow(row, now);
  const passed = timeline.thresholds.filter((th) => th.stage > row.stage_reached && th.at <= now);
  const stage = Math.max(row.stage_reached, ...passed.map((th) => th.stage));
  const reached = timeline.thresholds.some((th) => th.at <= now);
  const pending = timeline.thresholds.find((th) => th.stage > stage);
  return {
    passed,
    stage_reached: stage,
    state: t >= timeline.dueAt.getTime() ? 'breached' : reached ? 'warning' : 'on_track',
    next_check_at: pending ? (pending.at <= now ? now : pending.at) : null,
  };
}

function sweepStepSlow(row: SweptFields, now: Date): SweepStep {
  const timeline = deadlineTimeline(clockOf(row));
  const passed = timeline
    ? timeline.thresholds.filter((th) => th.stage > row.stage_reached && th.at <= now)
    : [];
  const stage = Math.max(row.stage_reached, ...passed.map((th) => th.stage));
  const columns = clockColumns({ ...row, stage_reached: stage }, now);
  return { passed, stage_reached: stage, state: columns.state, next_check_at: columns.next_check_at };
}

export function pausesJson(pauses: readonly { from: Date; to: Date | null }[]): PauseJson[] {
  return pauses.map((p) => ({ from: p.from.toISOString(), to: p.to === null ? null : p.to.toISOString() }));
}
