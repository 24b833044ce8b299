import type { Transaction } from 'kysely';
import type { DB, WorkItemRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { startClaimClocks, stopClocks } from '../deadline-store/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assignWorkItem } from './assign-work-item.ts';
import { closeWorkItem, reopenWorkItem, workItemOf } from './work-item-store.ts';

// The claim side of work items: a claim that needs a person has exactly one work item, which puts
// it in a queue (owner, team, escalation) and carries its deadline clocks. Every function runs in
// the caller's transaction and returns the audit events for the caller to append with its own.

/**
 * Puts an undecided claim in a queue: creates its work item (routed to its team and assigned by
 * the rules) and starts its deadline clocks; on a claim that already has one (an appeal, a return)
 * it reopens it and starts the clocks that are not running. Idempotent: calling it again changes
 * nothing.
 */
export async function openClaimWork(
  trx: Transaction<DB>,
  opts: { claimId: string; actor: Actor; reason: string },
): Promise<AuditInput[]> {
  const claim = await trx
    .selectFrom('claims')
    .innerJoin('customers', 'customers.id', 'claims.customer_id')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select([
      'claims.id',
      'claims.claim_number',
      'claims.customer_id',
      'claims.status',
      'claims.description',
      'claims.total_claimed_minor',
      'claims.currency',
      'customers.preferred_language',
      'products.code as product_code',
      'products.kind as product_kind',
      'products.country as product_country',
    ])
    .where('claims.id', '=', opts.claimId)
    .executeTakeFirstOrThrow();
  const events: AuditInput[] = [];
  let item = await workItemOf(trx, 'claim', claim.id);
  if (!item) {
    item = await trx
      .insertInto('work_items')
      .values({
        id: newId(),
        kind: 'claim',
        subject_id: claim.id,
        customer_id: claim.customer_id,
        reference: claim.claim_number,
        summary: claim.description.slice(0, 200),
        subject_status: claim.status,
        owner_id: null,
        team: null,
        department: null,
        language: claim.preferred_language,
        product_code: claim.product_code,
        amount_minor: claim.total_claimed_minor,
        currency: claim.currency,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    events.push(workEvent(opts.actor, item, 'work_item.opened', opts.reason, {}));
  } else if (!item.open) {
    item = await reopenWorkItem(trx, item, { subjectStatus: claim.status, now: new Date() });
    events.push(workEvent(opts.actor, item, 'work_item.reopened', opts.reason, {}));
  }
  if (!item.owner_id) {
    const assigned = await assignWorkItem(trx, item, {
      productCountry: claim.product_country,
      actor: opts.actor,
    });
    item = assigned.item;
    events.push(...assigned.events);
  }
  events.push(
    ...(await startClaimClocks(trx, {
      item,
      product: { code: claim.product_code, kind: claim.product_kind, country: claim.product_country },
      actor: opts.actor,
    })),
  );
  return events;
}

/** The claim no longer needs a person (decided, withdrawn, closed): its item leaves every queue. */
export async function closeClaimWork(
  trx: Transaction<DB>,
  opts: { claimId: string; actor: Actor; reason: string },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'claim', opts.claimId);
  if (!item?.open) return [];
  const events = await stopClocks(trx, { item, status: 'met', actor: opts.actor, reason: opts.reason });
  const closed = await closeWorkItem(trx, item, { now: new Date() });
  events.push(workEvent(opts.actor, closed, 'work_item.closed', opts.reason, {}));
  return events;
}

/** Hands the item to `toUserId` for a decision (escalation), keeping its owner. */
export async function escalateClaimWork(
  trx: Transaction<DB>,
  opts: { claimId: string; toUserId: string; level?: number; actor: Actor; reason: string },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'claim', opts.claimId);
  if (!item) throw new Error(`claim ${opts.claimId} has no work item to escalate`);
  const updated = await trx
    .updateTable('work_items')
    .set((eb) => ({
      escalated_to: opts.toUserId,
      escalation_level: Math.max(item.escalation_level, opts.level ?? 1),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return [
    workEvent(opts.actor, updated, 'work_item.escalated', opts.reason, {
      from: item.escalated_to,
      to: opts.toUserId,
      level: updated.escalation_level,
    }),
  ];
}

/** The escalation is resolved (returned with a comment, or decided): back to the owner alone. */
export async function clearClaimWorkEscalation(
  trx: Transaction<DB>,
  opts: { claimId: string; actor: Actor; reason: string },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'claim', opts.claimId);
  if (!item || item.escalated_to === null) return [];
  const updated = await trx
    .updateTable('work_items')
    .set((eb) => ({ escalated_to: null, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return [
    workEvent(opts.actor, updated, 'work_item.escalation_cleared', opts.reason, { from: item.escalated_to }),
  ];
}

/**
 * Who an escalation from `userId` goes to: their manager in the reporting line, else an active
 * supervisor of their team. null when there is nobody (the caller refuses or leaves it to the team).
 */
export async function supervisorOf(trx: Transaction<DB>, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const user = await trx
    .selectFrom('users')
    .select(['manager_id', 'team'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  if (user.manager_id) return user.manager_id;
  if (!user.team) return null;
  const supervisor = await trx
    .selectFrom('users')
    .select('id')
    .where('team', '=', user.team)
    .where('role', '=', 'supervisor')
    .where('active', '=', true)
    .where('id', '!=', userId)
    .orderBy('id')
    .executeTakeFirst();
  return supervisor?.id ?? null;
}

/** Refuses a write based on a stale read of the item (optimistic concurrency, 409). */
export function assertWorkItemVersion(item: WorkItemRow, expected: number | undefined): void {
  if (expected !== undefined && expected !== item.version) {
    throw new AppError(
      'version_conflict',
      `Work item ${item.reference} is at version ${item.version}, not ${expected}.`,
      { extra: { currentVersion: item.version } },
    );
  }
}

export function workEvent(
  actor: Actor,
  item: WorkItemRow,
  action: string,
  reason: string | null,
  data: Record<string, unknown>,
): AuditInput {
  return {
    actor,
    action,
    entityType: 'work_item',
    entityId: item.id,
    customerId: item.customer_id,
    reason,
    data: {
      reference: item.reference,
      subjectId: item.subject_id,
      ownerId: item.owner_id,
      team: item.team,
      escalatedTo: item.escalated_to,
      by: actorId(actor),
      ...data,
    },
  };
}
