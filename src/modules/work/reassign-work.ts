import type { Kysely, Transaction } from 'kysely';
import type { DB, WorkItemRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, can } from '../users/permissions.ts';
import { assertWorkItemVersion, workEvent } from './claim-work.ts';
import { type QueueItem, toQueueItem } from './list-queue.ts';
import { workItemOf } from './work-item-store.ts';

/**
 * Gives a claim's work item to a person (or back to the team queue with `userId: null`). A
 * supervisor reassigns anything; a representative may only take an unassigned item of their own
 * team for themselves. `version` is the item's version the caller saw: a stale one is a 409.
 */
export async function reassignClaimWork(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: { userId: string | null; version: number };
}): Promise<QueueItem> {
  const { actor, input } = opts;
  assertCan(actor, 'claims:handle');
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref);
    const item = await workItemOf(trx, 'claim', claim.id);
    if (!item?.open) {
      throw new AppError('work_item_not_found', `Claim ${claim.claim_number} is in no work queue.`);
    }
    return reassignWorkItem(trx, { actor, item, input });
  });
}

/**
 * The shared core of reassigning any work item (a claim's, a service case's) in the caller's
 * transaction, once the caller has found the item and checked the actor may work its subject:
 * the version check, who may give it to whom, the update, the new owner's notice and the audit
 * event.
 */
export async function reassignWorkItem(
  trx: Transaction<DB>,
  opts: { actor: Actor; item: WorkItemRow; input: { userId: string | null; version: number } },
): Promise<QueueItem> {
  const { actor, item, input } = opts;
  if (actor.kind !== 'user' && input.userId === null)
    throw new AppError('forbidden', 'Only people reassign work.');
  assertWorkItemVersion(item, input.version);
  const supervisor = can(actor, 'work:assign');
  const takingForSelf =
    actor.kind === 'user' &&
    input.userId === actor.userId &&
    item.owner_id === null &&
    item.team === actor.team;
  if (!supervisor && !takingForSelf) {
    throw new AppError(
      'forbidden',
      'Only a supervisor reassigns work; you may take unassigned work of your team.',
    );
  }
  let target: { id: string; locale: 'sv' | 'it' | 'en'; team: string | null } | undefined;
  if (input.userId !== null) {
    target = await trx
      .selectFrom('users')
      .select(['id', 'locale', 'team'])
      .where('id', '=', input.userId)
      .where('active', '=', true)
      .where('role', 'in', ['representative', 'supervisor'])
      .executeTakeFirst();
    if (!target)
      throw fieldError(
        'validation_failed',
        ['userId'],
        'No active representative or supervisor with this id.',
        'unknown_user',
      );
  }
  const updated = await trx
    .updateTable('work_items')
    .set((eb) => ({
      owner_id: input.userId,
      team: target?.team ?? item.team,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', item.id)
    .where('version', '=', item.version)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (target && target.id !== (actor.kind === 'user' ? actor.userId : null)) {
    await notify(trx, {
      audience: 'staff',
      userId: target.id,
      customerId: item.customer_id,
      kind: 'claim.assigned',
      language: target.locale,
      params: { reference: item.reference },
      entityType: 'work_item',
      entityId: item.id,
      dedupeKey: `assigned:${item.id}:${target.id}:v${updated.version}`,
    });
  }
  await recordAuditEvents(trx, item.customer_id, [
    workEvent(
      actor,
      updated,
      'work_item.reassigned',
      takingForSelf ? 'Taken from the unassigned queue.' : 'Reassigned by a supervisor.',
      { from: item.owner_id, to: input.userId },
    ),
  ]);
  return toQueueItem(updated, new Date());
}
