import type { Transaction } from 'kysely';
import type { DB, ServiceCaseRow } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { LIVE_CASE_STATUSES } from './case-lifecycle.ts';
import { notifyCustomerOfCase } from './case-notices.ts';
import { transitionCaseInTransaction } from './transition-case.ts';

export const PAYMENT_SETTLED_RESOLUTION = 'payment settled';

/**
 * The late payment has been made: every payment-delay case on the claim that is still open
 * (including one resolved but not yet closed) is resolved with "payment settled" and closed, and
 * the customer is told once per case. Runs in the caller's transaction (the one that records the
 * payment, so the case closes exactly when the payment commits) and returns the audit events for
 * the caller to append. Cases are taken in id order so that two settlements lock them alike.
 *
 * Nothing in the claims code sets a claim to `paid` yet: the payments issue calls this where it
 * records the settled payment (and will link cases by `payment_id` as well as by claim).
 */
export async function settlePaymentDelayCases(
  trx: Transaction<DB>,
  opts: { claimId: string; actor: Actor; reason: string; now?: Date },
): Promise<{ cases: ServiceCaseRow[]; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const open = await trx
    .selectFrom('service_cases')
    .innerJoin('claims', 'claims.id', 'service_cases.claim_id')
    .select(['service_cases.id', 'service_cases.status', 'claims.claim_number'])
    .where('service_cases.claim_id', '=', opts.claimId)
    .where('service_cases.kind', '=', 'payment_delay')
    .where('service_cases.status', 'in', [...LIVE_CASE_STATUSES, 'resolved'])
    .orderBy('service_cases.id')
    .execute();
  const cases: ServiceCaseRow[] = [];
  const events: AuditInput[] = [];
  for (const c of open) {
    if (c.status !== 'resolved') {
      const resolved = await transitionCaseInTransaction(trx, {
        caseId: c.id,
        to: 'resolved',
        resolution: PAYMENT_SETTLED_RESOLUTION,
        actor: opts.actor,
        reason: opts.reason,
        now,
      });
      events.push(...resolved.events);
    }
    const closed = await transitionCaseInTransaction(trx, {
      caseId: c.id,
      to: 'closed',
      actor: opts.actor,
      reason: opts.reason,
      now,
    });
    events.push(...closed.events);
    cases.push(closed.serviceCase);
    await notifyCustomerOfCase(
      trx,
      closed.serviceCase,
      'case.payment_settled',
      { claimNumber: c.claim_number },
      `case:${c.id}:payment_settled`,
    );
  }
  return { cases, events };
}
