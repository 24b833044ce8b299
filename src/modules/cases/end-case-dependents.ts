import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { closeReferralWork } from '../work/referral-work.ts';

// A case that ends (resolved, closed, withdrawn) takes what still hangs on it with it: a referral
// the department has not answered is called off (its clock cancelled, out of the department's
// queue), and an account change still waiting for verification or approval is cancelled — it can
// then never be approved on a case nobody works any more. Both fail safe: nothing is applied.

const LIVE_REFERRALS = ['open', 'accepted'] as const;
const PENDING_CHANGES = ['pending_verification', 'pending_approval'] as const;

export async function endCaseDependents(
  trx: Transaction<DB>,
  opts: { caseId: string; caseNumber: string; to: string; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const reason = `Case ${opts.caseNumber} was ${opts.to}.`;
  const events: AuditInput[] = [];
  const referrals = await trx
    .updateTable('referrals')
    .set((eb) => ({
      status: 'cancelled',
      cancelled_by: actorId(opts.actor),
      cancelled_at: opts.now,
      cancel_reason: reason,
      updated_at: opts.now,
      version: eb('version', '+', 1),
    }))
    .where('case_id', '=', opts.caseId)
    .where('status', 'in', [...LIVE_REFERRALS])
    .returning(['id', 'referral_number', 'department', 'customer_id'])
    .execute();
  for (const r of referrals) {
    events.push({
      actor: opts.actor,
      action: 'referral.cancelled',
      entityType: 'referral',
      entityId: r.id,
      customerId: r.customer_id,
      reason,
      data: { referralNumber: r.referral_number, department: r.department, caseNumber: opts.caseNumber },
    });
    events.push(
      ...(await closeReferralWork(trx, {
        referralId: r.id,
        status: 'cancelled',
        clocks: 'cancelled',
        actor: opts.actor,
        reason,
        now: opts.now,
      })),
    );
  }
  const changes = await trx
    .updateTable('account_change_requests')
    .set((eb) => ({ status: 'cancelled', decided_at: opts.now, version: eb('version', '+', 1) }))
    .where('case_id', '=', opts.caseId)
    .where('status', 'in', [...PENDING_CHANGES])
    .returning(['id', 'field', 'customer_id'])
    .execute();
  for (const c of changes) {
    events.push({
      actor: opts.actor,
      action: 'account_change.cancelled',
      entityType: 'account_change_request',
      entityId: c.id,
      customerId: c.customer_id,
      reason,
      data: { field: c.field, caseNumber: opts.caseNumber },
    });
  }
  return events;
}
