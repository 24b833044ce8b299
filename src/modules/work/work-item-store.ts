import type { Transaction } from 'kysely';
import type { DB, WorkItemKind, WorkItemRow } from '../../db/schema.ts';

// The row-level steps every kind of work item (claim, case, referral, triage) shares. Each runs
// in the caller's transaction; the callers write their own audit events.

/**
 * The subject's work item, locked for the rest of the transaction (two people acting on the same
 * claim wait for each other rather than both opening or closing it); null when it has none.
 */
export async function workItemOf(
  trx: Transaction<DB>,
  kind: WorkItemKind,
  subjectId: string,
): Promise<WorkItemRow | null> {
  return (
    (await trx
      .selectFrom('work_items')
      .selectAll()
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Puts a closed item back in the queues, with no escalation left over from before. */
export function reopenWorkItem(
  trx: Transaction<DB>,
  item: WorkItemRow,
  opts: { subjectStatus: string; now: Date },
): Promise<WorkItemRow> {
  return trx
    .updateTable('work_items')
    .set((eb) => ({
      open: true,
      subject_status: opts.subjectStatus,
      escalated_to: null,
      escalation_level: 0,
      version: eb('version', '+', 1),
      updated_at: opts.now,
    }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes the item out of every queue, and out of any escalation (its clocks are the caller's). */
export function closeWorkItem(
  trx: Transaction<DB>,
  item: WorkItemRow,
  opts: { subjectStatus?: string; now: Date },
): Promise<WorkItemRow> {
  return trx
    .updateTable('work_items')
    .set((eb) => ({
      open: false,
      ...(opts.subjectStatus === undefined ? {} : { subject_status: opts.subjectStatus }),
      escalated_to: null,
      version: eb('version', '+', 1),
      updated_at: opts.now,
    }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
