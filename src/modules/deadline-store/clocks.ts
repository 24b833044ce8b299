import type { Transaction } from 'kysely';
import type { DB, DeadlineRow, WorkItemRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { deadlinePolicy } from '../deadlines/index.ts';
import type { Actor } from '../users/actor.ts';
import {
  calendarFor,
  claimDeadlinePolicyCodes,
  type ProductForDeadlines,
} from './claim-deadline-policies.ts';
import { clockColumns, clockOf, pausesJson } from './clock-state.ts';
import { refreshWorkItemDeadline } from './refresh-work-item-deadline.ts';

// Starting, pausing, resuming and stopping a work item's clocks. Each change recomputes the row's
// due and next-check instants with the pure engine and then the item's queue position, in the
// caller's transaction, and returns audit events for the caller to append.

const NO_EVENTS: AuditInput[] = [];

function clockEvent(actor: Actor, row: DeadlineRow, action: string, reason: string | null): AuditInput {
  return {
    actor,
    action,
    entityType: 'deadline',
    entityId: row.id,
    customerId: row.customer_id,
    reason,
    data: {
      workItemId: row.work_item_id,
      policy: row.policy_code,
      dueAt: row.due_at?.toISOString() ?? null,
      status: row.status,
      pauses: row.pauses,
    },
  };
}

/** Starts every clock the claim's product calls for that is not already live on the item. */
export function startClaimClocks(
  trx: Transaction<DB>,
  opts: { item: WorkItemRow; product: ProductForDeadlines; actor: Actor; now?: Date },
): Promise<AuditInput[]> {
  return startClocks(trx, {
    item: opts.item,
    policyCodes: claimDeadlinePolicyCodes(opts.product),
    calendar: calendarFor(opts.product.country),
    actor: opts.actor,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/**
 * Starts the named deadline policies on a work item (a claim, a service case, a referral), each
 * unless a clock of that policy is already live on it, counted on `calendar`. Idempotent.
 */
export async function startClocks(
  trx: Transaction<DB>,
  opts: {
    item: WorkItemRow;
    policyCodes: readonly string[];
    calendar: 'SE' | 'IT';
    actor: Actor;
    now?: Date;
  },
): Promise<AuditInput[]> {
  const now = opts.now ?? new Date();
  // Only triage items lack a customer, and they have no clocks (docs/inbound-email.md).
  const customerId = opts.item.customer_id;
  if (customerId === null) throw new Error(`work item ${opts.item.id} has no customer: it takes no clocks`);
  const live = await trx
    .selectFrom('deadlines')
    .select('policy_code')
    .where('work_item_id', '=', opts.item.id)
    .where('status', 'in', ['running', 'paused'])
    .execute();
  const running = new Set(live.map((r) => r.policy_code));
  const { calendar } = opts;
  const events: AuditInput[] = [];
  for (const code of opts.policyCodes) {
    if (running.has(code)) continue;
    deadlinePolicy(code); // an unknown code is a configuration error: fail loudly, before writing
    const fields = { policy_code: code, calendar, started_at: now, pauses: [], stage_reached: 0 };
    const columns = clockColumns(fields, now);
    const row = await trx
      .insertInto('deadlines')
      .values({
        id: newId(),
        work_item_id: opts.item.id,
        customer_id: customerId,
        policy_code: code,
        calendar,
        started_at: now,
        pauses: '[]',
        ...columns,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    events.push(clockEvent(opts.actor, row, 'deadline.started', null));
  }
  if (events.length > 0) await refreshWorkItemDeadline(trx, opts.item.id, now);
  return events;
}

/**
 * Pauses the item's running clocks whose policy stops while the customer is asked for something
 * (the law's "documentation that can reasonably be required" is not in yet). Others keep running.
 */
export async function pauseClocks(
  trx: Transaction<DB>,
  opts: { workItemId: string; actor: Actor; reason: string; now?: Date },
): Promise<AuditInput[]> {
  const now = opts.now ?? new Date();
  const rows = await liveClocks(trx, opts.workItemId, 'running');
  const events: AuditInput[] = [];
  for (const row of rows) {
    if (!deadlinePolicy(row.policy_code).pausesWhileAwaitingCustomer) continue;
    const pauses = [...clockOf(row).pauses, { from: now, to: null }];
    events.push(clockEvent(opts.actor, await rewrite(trx, row, pauses, now), 'deadline.paused', opts.reason));
  }
  if (events.length > 0) await refreshWorkItemDeadline(trx, opts.workItemId, now);
  return events;
}

/** Closes the open pause of every paused clock: the time waited on the customer does not count. */
export async function resumeClocks(
  trx: Transaction<DB>,
  opts: { workItemId: string; actor: Actor; reason: string; now?: Date },
): Promise<AuditInput[]> {
  const now = opts.now ?? new Date();
  const rows = await liveClocks(trx, opts.workItemId, 'paused');
  const events: AuditInput[] = [];
  for (const row of rows) {
    const pauses = clockOf(row).pauses.map((p) => (p.to === null ? { from: p.from, to: now } : p));
    events.push(
      clockEvent(opts.actor, await rewrite(trx, row, pauses, now), 'deadline.resumed', opts.reason),
    );
  }
  if (events.length > 0) await refreshWorkItemDeadline(trx, opts.workItemId, now);
  return events;
}

/** Stops the item's live clocks: met (the work was done) or cancelled (it no longer applies). */
export async function stopClocks(
  trx: Transaction<DB>,
  opts: {
    item: WorkItemRow;
    status: 'met' | 'cancelled';
    actor: Actor;
    reason: string;
    policyCode?: string;
    now?: Date;
  },
): Promise<AuditInput[]> {
  const now = opts.now ?? new Date();
  let query = trx
    .updateTable('deadlines')
    .set((eb) => ({
      status: opts.status,
      stopped_at: now,
      next_check_at: null,
      version: eb('version', '+', 1),
    }))
    .where('work_item_id', '=', opts.item.id)
    .where('status', 'in', ['running', 'paused']);
  if (opts.policyCode) query = query.where('policy_code', '=', opts.policyCode);
  const rows = await query.returningAll().execute();
  if (rows.length === 0) return NO_EVENTS;
  await refreshWorkItemDeadline(trx, opts.item.id, now);
  return rows.map((row) => clockEvent(opts.actor, row, `deadline.${opts.status}`, opts.reason));
}

async function liveClocks(trx: Transaction<DB>, workItemId: string, status: 'running' | 'paused') {
  return trx
    .selectFrom('deadlines')
    .selectAll()
    .where('work_item_id', '=', workItemId)
    .where('status', '=', status)
    .forUpdate()
    .execute();
}

async function rewrite(
  trx: Transaction<DB>,
  row: DeadlineRow,
  pauses: { from: Date; to: Date | null }[],
  now: Date,
): Promise<DeadlineRow> {
  const json = pausesJson(pauses);
  const columns = clockColumns({ ...row, pauses: json }, now);
  return trx
    .updateTable('deadlines')
    .set((eb) => ({ pauses: JSON.stringify(json), ...columns, version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
