import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { clockColumns, pausesJson } from '../../modules/deadline-store/clock-state.ts';
import { refreshWorkItemDeadlines, sweepDeadlines } from '../../modules/deadline-store/index.ts';
import type { DB } from '../schema.ts';

// The seed registers every claim "now", so every clock would start fresh and the supervisor's
// deadline dashboard would be empty. This spreads the open claims' registration over the last
// three weeks (deterministically, by claim number), marks first contact as made on most of the
// older ones, and then runs the real deadline sweep as of now: the demo opens with claims on
// track, warned, breached and escalated, each with its alert, notification and audit event.
// Audit events keep the moment the seed ran; claims.registered_at and the clocks are backdated.

const MAX_AGE_DAYS = 21;
const DAY_MS = 86_400_000;

function ageDays(claimNumber: string): number {
  return (createHash('sha256').update(claimNumber).digest()[0] as number) % MAX_AGE_DAYS;
}

export async function backdateDemoClocks(trx: Transaction<DB>, now: Date): Promise<number> {
  const clocks = await trx
    .selectFrom('deadlines')
    .innerJoin('work_items', 'work_items.id', 'deadlines.work_item_id')
    .selectAll('deadlines')
    .select(['work_items.reference', 'work_items.subject_id'])
    .where('deadlines.status', 'in', ['running', 'paused'])
    .execute();
  const registered = new Map<string, Date>();
  for (const clock of clocks) {
    const age = ageDays(clock.reference);
    // 10:00 UTC (11/12 local) on the day `age` days ago, never after now.
    const day = Math.floor((now.getTime() - age * DAY_MS) / DAY_MS) * DAY_MS + 10 * 3_600_000;
    const start = new Date(Math.min(day, now.getTime() - 60_000));
    registered.set(clock.subject_id, start);
    const paused = clock.status === 'paused';
    const pauses = paused ? pausesJson([{ from: new Date(start.getTime() + 60_000), to: null }]) : [];
    const firstContactMade = clock.policy_code === 'internal.first_contact' && age >= 2 && age % 7 !== 3;
    if (firstContactMade) {
      await trx
        .updateTable('deadlines')
        .set({
          started_at: start,
          pauses: JSON.stringify(pauses),
          status: 'met',
          stopped_at: new Date(start.getTime() + 3 * 3_600_000),
          next_check_at: null,
        })
        .where('id', '=', clock.id)
        .execute();
      continue;
    }
    const columns = clockColumns({ ...clock, started_at: start, pauses, stage_reached: 0 }, now);
    await trx
      .updateTable('deadlines')
      .set({ started_at: start, pauses: JSON.stringify(pauses), ...columns })
      .where('id', '=', clock.id)
      .execute();
  }
  for (const [claimId, at] of registered) {
    await trx.updateTable('claims').set({ registered_at: at }).where('id', '=', claimId).execute();
  }
  await refreshWorkItemDeadlines(trx, [...new Set(clocks.map((c) => c.work_item_id))], now);
  let alerts = 0;
  for (;;) {
    const swept = await sweepDeadlines(trx, { now, limit: 500 });
    alerts += swept.alerts;
    if (swept.clocks === 0) return alerts;
  }
}
