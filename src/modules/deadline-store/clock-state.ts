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

/** Thresholds passed by `now` that the row has not acted on yet, in order. */
export function thresholdsToAct(
  row: DeadlineRow,
  now: Date,
): { due: Date; passed: Threshold[]; next: Date | null } {
  const timeline = deadlineTimeline(clockOf(row));
  if (!timeline) return { due: new Date(Number.NaN), passed: [], next: null };
  const passed = timeline.thresholds.filter((t) => t.stage > row.stage_reached && t.at <= now);
  const next = timeline.thresholds.find((t) => t.at > now)?.at ?? null;
  return { due: timeline.dueAt, passed, next };
}

export function pausesJson(pauses: readonly { from: Date; to: Date | null }[]): PauseJson[] {
  return pauses.map((p) => ({ from: p.from.toISOString(), to: p.to === null ? null : p.to.toISOString() }));
}
