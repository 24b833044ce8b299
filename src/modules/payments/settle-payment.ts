import type { Transaction } from 'kysely';
import type { DB, PaymentChangeSource, PaymentOrderRow } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import { settlePaymentDelayCases } from '../cases/index.ts';
import { canTransition, transitionClaim } from '../claims/claim-lifecycle.ts';
import { customerContact, notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { decisionFullyPaid, maskedCreditor, orderAmountText } from './settlement-rules.ts';

export type SettlePaymentOptions = {
  /** The order, locked by the caller (SELECT … FOR UPDATE), in status 'sent'. */
  payment: PaymentOrderRow;
  /** The day the bank booked it (camt.054 BookgDt), kept as settled_on. */
  bookingDate: string;
  bankReference: string | null;
  source: PaymentChangeSource;
  actor: Actor;
  reason: string;
  bankNotificationId?: string | null;
  now?: Date;
};

/**
 * What a settled payment means, in the caller's transaction: the order is settled (booking date,
 * the bank's reference); when every order of the claim's current decision is settled (with
 * instalments: the last one) the claim is paid and its payment-delay cases (late or returned) are
 * resolved and closed; the customer hears that the money is on its way. Returns the audit events
 * for the caller to append. The same consequences whether the bank's file or a person said so.
 */
export async function settlePayment(
  trx: Transaction<DB>,
  opts: SettlePaymentOptions,
): Promise<{ payment: PaymentOrderRow; claimPaid: boolean; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const changed = await changePaymentStatus(trx, {
    payment: opts.payment,
    to: 'settled',
    source: opts.source,
    actor: opts.actor,
    reason: opts.reason,
    bankNotificationId: opts.bankNotificationId ?? null,
    set: { settled_on: opts.bookingDate, bank_reference: opts.bankReference },
    now,
  });
  const payment = changed.payment;
  const events: AuditInput[] = [changed.event];

  const claim = await trx
    .selectFrom('claims')
    .select(['id', 'status', 'claim_number'])
    .where('id', '=', payment.claim_id)
    .executeTakeFirstOrThrow();
  const current = await trx
    .selectFrom('claim_decisions')
    .select('id')
    .where('claim_id', '=', claim.id)
    .where('superseded_at', 'is', null)
    .orderBy('decision_no', 'desc')
    .executeTakeFirst();
  const orders = current
    ? await trx
        .selectFrom('payment_orders')
        .select(['instalment_no', 'status'])
        .where('decision_id', '=', current.id)
        .execute()
    : [];
  const claimPaid = decisionFullyPaid(
    orders.map((o) => ({ instalmentNo: o.instalment_no, status: o.status })),
  );
  if (claimPaid) {
    // A claim under appeal (or already closed) is not moved: the payment is recorded all the same.
    if (canTransition(claim.status, 'paid')) {
      const moved = await transitionClaim(trx, claim.id, 'paid', {
        actor: opts.actor,
        reason: `Payment ${payment.payment_number} settled: the decision is paid in full.`,
        data: { paymentId: payment.id, paymentNumber: payment.payment_number },
      });
      if (moved) events.push(moved);
    }
    const cases = await settlePaymentDelayCases(trx, {
      claimId: claim.id,
      actor: opts.actor,
      reason: `Payment ${payment.payment_number} settled on ${opts.bookingDate}.`,
      now,
    });
    events.push(...cases.events);
  }

  const contact = await customerContact(trx, payment.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: payment.customer_id,
    channel: contact.channel,
    kind: 'payment.settled',
    language: contact.language,
    params: {
      reference: claim.claim_number,
      amount: orderAmountText(payment, contact.language),
      account: maskedCreditor(payment),
      date: opts.bookingDate,
    },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `payment:${payment.id}:settled`,
  });
  return { payment, claimPaid, events };
}
