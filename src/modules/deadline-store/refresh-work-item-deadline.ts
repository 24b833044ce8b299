import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Stands for "no running deadline" in work_items.due_at, which is never NULL (keyset order). */
export const NO_DEADLINE = new Date('9999-12-31T00:00:00Z');

/**
 * A work item sorts by its nearest running deadline and shows its worst state (breached > warning >
 * on track > paused > none); paused clocks show as paused only when nothing runs. One statement for
 * any number of items, called after every clock change in the same transaction.
 */
export async function refreshWorkItemDeadlines(
  trx: Transaction<DB>,
  workItemIds: readonly string[],
  now: Date,
): Promise<void> {
  if (workItemIds.length === 0) return;
  await sql`
    UPDATE work_items w
    SET due_at = a.due, deadline_state = a.state, updated_at = ${now}
    FROM (
      SELECT i.id,
        coalesce(min(d.due_at) FILTER (WHERE d.status = 'running'), ${NO_DEADLINE}::timestamptz) AS due,
        (ARRAY['none', 'paused', 'on_track', 'warning', 'breached'])[coalesce(max(
          CASE d.state WHEN 'paused' THEN 2 WHEN 'on_track' THEN 3 WHEN 'warning' THEN 4 WHEN 'breached' THEN 5 END
        ), 1)] AS state
      FROM unnest(${workItemIds}::uuid[]) AS i(id)
      LEFT JOIN deadlines d ON d.work_item_id = i.id AND d.status IN ('running', 'paused')
      GROUP BY i.id
    ) a
    WHERE w.id = a.id AND (w.due_at IS DISTINCT FROM a.due OR w.deadline_state IS DISTINCT FROM a.state)`.execute(
    trx,
  );
}

export function refreshWorkItemDeadline(trx: Transaction<DB>, workItemId: string, now: Date): Promise<void> {
  return refreshWorkItemDeadlines(trx, [workItemId], now);
}
