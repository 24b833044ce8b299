import { type OnConflictBuilder, type OnConflictDoNothingBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The ON CONFLICT target of payment_orders_one_per_decision_idx (the partial unique index: one live
 * order per decision and instalment). An insert that would make a second live order inserts
 * nothing, and the caller reads the existing one: a retry or a race never pays twice.
 */
export function oneLiveOrderPerDecision(
  oc: OnConflictBuilder<DB, 'payment_orders'>,
): OnConflictDoNothingBuilder<DB, 'payment_orders'> {
  return oc
    .columns(['decision_id', 'instalment_no'])
    .where(sql<boolean>`status NOT IN ('returned', 'rejected', 'cancelled')`)
    .doNothing();
}
