import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { clockColumns } from '../deadline-store/clock-state.ts';
import { refreshWorkItemDeadlines } from '../deadline-store/index.ts';
import { DEADLINE_POLICIES, deadlinePolicy } from '../deadlines/index.ts';
import { systemActor } from '../users/actor.ts';

// What happens to complaints already waiting for an answer when CLAIMDESK_SE_COMPLAINT_DAYS
// changes: a running clock keeps its policy code (se.complaint_answer), and its due date follows
// the setting in force, counted from the day the complaint was received — the company's
// complaints policy as it stands now is the promise we are measured against. Everything the
// engine computes at read time (views, the sweep's thresholds) already does so; this brings the
// stored columns (due_at, next_check_at, state) and the queues in line at start-up, with an audit
// event per clock that moved. A stopped clock (an answered complaint) keeps the due date it had:
// the register's history does not change. The acknowledgement letter already sent is not
// re-sent; see docs/complaints.md for what that means when the setting is lengthened.

const REALIGN_ACTOR = systemActor('deadline-config');

/** The configurable complaint policies, whose running clocks a setting can move. */
const CONFIGURABLE_COMPLAINT_POLICIES = DEADLINE_POLICIES.filter(
  (p) => p.workKind === 'complaint' && p.configurable,
).map((p) => p.code);

/** Recomputes the live clocks of configurable complaint policies; returns how many moved. */
export async function realignComplaintClocks(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('deadlines')
      .selectAll()
      .where('policy_code', 'in', CONFIGURABLE_COMPLAINT_POLICIES)
      .where('status', 'in', ['running', 'paused'])
      .orderBy('id')
      .forUpdate()
      .execute();
    const events: AuditInput[] = [];
    const items = new Set<string>();
    for (const row of rows) {
      const columns = clockColumns(row, now);
      if ((columns.due_at?.getTime() ?? null) === (row.due_at?.getTime() ?? null)) continue;
      await trx
        .updateTable('deadlines')
        .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      items.add(row.work_item_id);
      const policy = deadlinePolicy(row.policy_code);
      events.push({
        actor: REALIGN_ACTOR,
        action: 'deadline.realigned',
        entityType: 'deadline',
        entityId: row.id,
        customerId: row.customer_id,
        reason: `${policy.code} is now ${policy.clock.amount} ${policy.clock.unit.replace('_', ' ')} (configuration).`,
        data: {
          workItemId: row.work_item_id,
          policy: policy.code,
          clock: policy.clock,
          fromDueAt: row.due_at?.toISOString() ?? null,
          toDueAt: columns.due_at?.toISOString() ?? null,
        },
      });
    }
    if (items.size > 0) await refreshWorkItemDeadlines(trx, [...items], now);
    await appendAuditEvents(trx, events);
    return events.length;
  });
}
