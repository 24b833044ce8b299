import type { Transaction } from 'kysely';
import { nextNumber } from '../../db/numbers.ts';
import type { DB, PaymentOrderRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { recordInitialPaymentStatus } from './change-payment-status.ts';
import { laterDate, requestedExecutionDate } from './execution-date.ts';
import { oneLiveOrderPerDecision } from './one-live-order.ts';
import { tellCustomerPaymentScheduled } from './payment-order-notices.ts';
import { endToEndIdOf, holdReasonsFor } from './payment-order-rules.ts';
import { currencySettings } from './payment-settings.ts';
import { creditorColumns, payableAccount } from './ready-waiting-payments.ts';

// A returned payment is never revived (returned is final): the money is paid again with a new order
// of kind 'repayment' that names the old one, with a new end-to-end id, the same principal and
// interest (the interest was owed for the original delay; the return was not our delay), to the
// customer's new account. Only for a decision still current: a returned order of a decision since
// replaced on appeal is settled by the new decision's own order, never paid twice.

export async function repayReturnedPayments(
  trx: Transaction<DB>,
  opts: { customerId: string; actor: Actor; now?: Date },
): Promise<{ payments: PaymentOrderRow[]; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const returned = await trx
    .selectFrom('payment_orders as p')
    .innerJoin('claim_decisions as d', 'd.id', 'p.decision_id')
    .selectAll('p')
    .where('p.customer_id', '=', opts.customerId)
    .where('p.status', '=', 'returned')
    .where('d.superseded_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payment_orders as r').select('r.id').whereRef('r.replaces_payment_id', '=', 'p.id'),
        ),
      ),
    )
    .orderBy('p.id')
    .forUpdate()
    .execute();
  const payments: PaymentOrderRow[] = [];
  const events: AuditInput[] = [];
  for (const payment of returned) {
    const made = await repayReturnedPayment(trx, { payment, actor: opts.actor, now });
    if (made) {
      payments.push(made.payment);
      events.push(...made.events);
    }
  }
  return { payments, events };
}

/** One re-payment of `payment` (status returned), or null when there is no valid account yet or it exists. */
export async function repayReturnedPayment(
  trx: Transaction<DB>,
  opts: { payment: PaymentOrderRow; actor: Actor; now?: Date },
): Promise<{ payment: PaymentOrderRow; events: AuditInput[] } | null> {
  const { payment: old, actor } = opts;
  const now = opts.now ?? new Date();
  const payable = await payableAccount(trx, old.customer_id, now);
  if (payable === null || 'invalid' in payable) return null;
  const { holdReasons, needsSecondApproval } = holdReasonsFor({
    accountRecentlyChanged: payable.recentlyChanged,
    totalMinor: old.principal_minor + old.interest_minor,
    singleApprovalLimitMinor: currencySettings(old.currency)?.singleApprovalLimitMinor ?? null,
    interestRateMissing: false,
  });
  const status = holdReasons.length > 0 ? 'held' : 'ready';
  const paymentNumber = await nextNumber(trx, 'PAY', now.getUTCFullYear());
  const created = await trx
    .insertInto('payment_orders')
    .values({
      id: newId(),
      payment_number: paymentNumber,
      kind: 'repayment',
      claim_id: old.claim_id,
      decision_id: old.decision_id,
      instalment_no: old.instalment_no,
      replaces_payment_id: old.id,
      customer_id: old.customer_id,
      ...creditorColumns(payable.account),
      principal_minor: old.principal_minor,
      interest_minor: old.interest_minor,
      currency: old.currency,
      interest: old.interest ? JSON.stringify(old.interest) : null,
      legal_due_date: old.legal_due_date,
      remittance_info: old.remittance_info,
      end_to_end_id: endToEndIdOf(paymentNumber),
      requested_execution_date: laterDate(
        old.requested_execution_date,
        requestedExecutionDate(old.currency, now),
      ),
      status,
      hold_reasons: holdReasons,
      needs_second_approval: needsSecondApproval,
      created_by: old.created_by,
      created_at: now,
      updated_at: now,
      status_changed_at: now,
    })
    .onConflict(oneLiveOrderPerDecision)
    .returningAll()
    .executeTakeFirst();
  if (!created) return null;
  const reason = `Re-payment of ${old.payment_number} (returned${old.reason_code ? ` ${old.reason_code}` : ''}) to the new account${status === 'held' ? `; held for review: ${holdReasons.join(', ')}` : ''}.`;
  await recordInitialPaymentStatus(trx, { payment: created, source: 'system', actor, reason, now });
  if (status === 'ready') await tellCustomerPaymentScheduled(trx, created, payable.account);
  return {
    payment: created,
    events: [
      {
        actor,
        action: 'payment.created',
        entityType: 'payment',
        entityId: created.id,
        customerId: created.customer_id,
        reason,
        data: {
          paymentNumber: created.payment_number,
          kind: 'repayment',
          replacesPaymentId: old.id,
          replacesPaymentNumber: old.payment_number,
          claimId: created.claim_id,
          decisionId: created.decision_id,
          status,
          principalMinor: created.principal_minor,
          interestMinor: created.interest_minor,
          currency: created.currency,
          holdReasons,
          bankAccountId: created.bank_account_id,
        },
      },
    ],
  };
}
