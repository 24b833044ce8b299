import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Stands for "no running deadline" in work_items.due_at, which is never NULL (keyset order). */
export const NO_DEADLINE = new Date('9999-12-31T00:00:00Z');

/**
 * A work item sorts by its nearest running deadline and shows its worst state (breached > warning >
 * on track > paused > none); paused clocks show as paused only when nothing runs. One statement for
 * any number of items, called after every clock change in the same transaction. The sweep passes
 * the escalations its breaches cause, so an escalated item's row (eight index entries) is
 * rewritten once, not twice; a higher escalation is never lowered.
 */
export async function refreshWorkItemDeadlines(
  trx: Transaction<DB>,
  workItemIds: readonly string[],
  now: Date,
  escalate: ReadonlyMap<string, { to: string; level: number }> = new Map(),
): Promise<void> {
  if (workItemIds.length === 0) return;
  const ids = [...escalate.keys()];
  await sql`
    UPDATE work_items w
    SET due_at = a.due, deadline_state = a.state,
      escalated_to = CASE WHEN a.level IS NOT NULL AND w.escalation_level <= a.level THEN a.to_user ELSE w.escalated_to END,
      escalation_level = GREATEST(w.escalation_level, coalesce(a.level, 0)),
      version = w.version + CASE WHEN a.level IS NOT NULL AND w.escalation_level <= a.level THEN 1 ELSE 0 END,
      updated_at = ${now}
    FROM (
      SELECT i.id, e.to_user, e.level,
        coalesce(min(d.due_at) FILTER (WHERE d.status = 'running'), ${NO_DEADLINE}::timestamptz) AS due,
        (ARRAY['none', 'paused', 'on_track', 'warning', 'breached'])[coalesce(max(
          CASE d.state WHEN 'paused' THEN 2 WHEN 'on_track' THEN 3 WHEN 'warning' THEN 4 WHEN 'breached' THEN 5 END
        ), 1)] AS state
      FROM unnest(${workItemIds}::uuid[]) AS i(id)
      LEFT JOIN unnest(${ids}::uuid[], ${ids.map((id) => escalate.get(id)?.to)}::uuid[],
        ${ids.map((id) => escalate.get(id)?.level)}::smallint[]) AS e(id, to_user, level) ON e.id = i.id
      LEFT JOIN deadlines d ON d.work_item_id = i.id AND d.status IN ('running', 'paused')
      GROUP BY i.id, e.to_user, e.level
    ) a
    WHERE w.id = a.id AND (w.due_at IS DISTINCT FROM a.due OR w.deadline_state IS DISTINCT FROM a.state
      OR (a.level IS NOT NULL AND w.escalation_level <= a.level))`.execute(trx);
}

export function refreshWorkItemDeadline(trx: Transaction<DB>, workItemId: string, now: Date): Promise<void> {
  return refreshWorkItemDeadlines(trx, [workItemId], now);
}
