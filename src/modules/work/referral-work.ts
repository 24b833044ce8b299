import type { Transaction } from 'kysely';
import type { DB, ReferralRow, WorkItemRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { startClocks, stopClocks } from '../deadline-store/index.ts';
import type { Actor } from '../users/actor.ts';
import { workEvent } from './claim-work.ts';
import { closeWorkItem, workItemOf } from './work-item-store.ts';

// The referral side of work items: a referral is work for a department, not for the case owner's
// team, so its item has the department's code and no team; it waits in the department queue with
// no owner until someone there accepts it, and carries the referral's own deadline clock. The
// case's own item is never touched here: its owner keeps the case throughout. Every function runs
// in the caller's transaction and returns the audit events for the caller to append.

/** Puts a new referral in its department's queue and starts its clock (standard or urgent). */
export async function openReferralWork(
  trx: Transaction<DB>,
  opts: {
    referral: ReferralRow;
    caseNumber: string;
    language: 'sv' | 'it' | 'en';
    /** The referral's deadline policy (standard or urgent) and the calendar it counts on. */
    policyCode: string;
    calendar: 'SE' | 'IT';
    actor: Actor;
    now?: Date;
  },
): Promise<{ item: WorkItemRow; events: AuditInput[] }> {
  const { referral } = opts;
  const item = await trx
    .insertInto('work_items')
    .values({
      id: newId(),
      kind: 'referral',
      subject_id: referral.id,
      customer_id: referral.customer_id,
      reference: referral.referral_number,
      summary: `${opts.caseNumber}: ${referral.question}`.slice(0, 200),
      subject_status: referral.status,
      owner_id: null,
      team: null,
      department: referral.department,
      // Urgent referrals sort first among those due at the same time.
      priority: referral.urgency === 'urgent' ? 1 : 3,
      language: opts.language,
      product_code: null,
      amount_minor: null,
      currency: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const events: AuditInput[] = [
    workEvent(opts.actor, item, 'work_item.opened', `Referred to ${referral.department}.`, {
      department: referral.department,
    }),
  ];
  events.push(
    ...(await startClocks(trx, {
      item,
      policyCodes: [opts.policyCode],
      calendar: opts.calendar,
      actor: opts.actor,
      ...(opts.now ? { now: opts.now } : {}),
    })),
  );
  return { item, events };
}

/** Someone in the department accepted the referral: the item becomes theirs. */
export async function takeReferralWork(
  trx: Transaction<DB>,
  opts: { referralId: string; ownerId: string | null; status: string; actor: Actor; now?: Date },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'referral', opts.referralId);
  if (!item) return [];
  const updated = await trx
    .updateTable('work_items')
    .set((eb) => ({
      owner_id: opts.ownerId,
      subject_status: opts.status,
      version: eb('version', '+', 1),
      updated_at: opts.now ?? new Date(),
    }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return [
    workEvent(opts.actor, updated, 'work_item.assigned', 'Accepted by the department.', {
      from: item.owner_id,
      to: opts.ownerId,
    }),
  ];
}

/**
 * The referral is done (answered or returned: its clock is met) or called off (cancelled: its
 * clock is cancelled): the item leaves the department's queues. A closed item stays closed.
 */
export async function closeReferralWork(
  trx: Transaction<DB>,
  opts: {
    referralId: string;
    status: string;
    clocks: 'met' | 'cancelled';
    actor: Actor;
    reason: string;
    now?: Date;
  },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'referral', opts.referralId);
  if (!item?.open) return [];
  const now = opts.now ?? new Date();
  const events = await stopClocks(trx, {
    item,
    status: opts.clocks,
    actor: opts.actor,
    reason: opts.reason,
    now,
  });
  const closed = await closeWorkItem(trx, item, { subjectStatus: opts.status, now });
  events.push(workEvent(opts.actor, closed, 'work_item.closed', opts.reason, {}));
  return events;
}
