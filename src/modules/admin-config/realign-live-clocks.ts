import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { clockColumns } from '../deadline-store/clock-state.ts';
import { refreshWorkItemDeadlines } from '../deadline-store/index.ts';
import type { Actor } from '../users/actor.ts';

/**
 * After an administrator's edit, brings the stored columns of the live clocks it touches (due date,
 * next check, state) and their work items' queue positions in line with the engine, which already
 * counts with the new settings: a shortened deadline must warn on time, not when the old due date
 * comes. Same approach as complaints/realign-complaint-clocks.ts; one audit event per clock moved.
 */
export async function realignLiveClocks(
  trx: Transaction<DB>,
  opts: {
    actor: Actor;
    reason: string;
    policyCode?: string;
    calendar?: 'SE' | 'IT';
    /** Only clocks due on or after this instant can move (a closed day after the due date cannot). */
    dueFrom?: Date;
    now: Date;
  },
): Promise<number> {
  let q = trx.selectFrom('deadlines').selectAll().where('status', 'in', ['running', 'paused']);
  if (opts.policyCode) q = q.where('policy_code', '=', opts.policyCode);
  if (opts.calendar) q = q.where('calendar', '=', opts.calendar);
  if (opts.dueFrom) q = q.where('due_at', '>=', opts.dueFrom);
  const rows = await q.orderBy('id').forUpdate().execute();
  const events: AuditInput[] = [];
  const items = new Set<string>();
  for (const row of rows) {
    const columns = clockColumns(row, opts.now);
    if ((columns.due_at?.getTime() ?? null) === (row.due_at?.getTime() ?? null)) continue;
    await trx
      .updateTable('deadlines')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    items.add(row.work_item_id);
    events.push({
      actor: opts.actor,
      action: 'deadline.realigned',
      entityType: 'deadline',
      entityId: row.id,
      customerId: row.customer_id,
      reason: opts.reason,
      data: {
        workItemId: row.work_item_id,
        policy: row.policy_code,
        fromDueAt: row.due_at?.toISOString() ?? null,
        toDueAt: columns.due_at?.toISOString() ?? null,
      },
    });
  }
  if (items.size > 0) await refreshWorkItemDeadlines(trx, [...items], opts.now);
  await appendAuditEvents(trx, events);
  return events.length;
}
