import type { Transaction } from 'kysely';
import type { DB, PaymentChangeSource, PaymentOrderRow, ServiceCaseRow } from '../../db/schema.ts';
import { servicePhone } from '../account-changes/account-change-notices.ts';
import type { AuditInput } from '../audit/index.ts';
import { openServiceCaseInTransaction } from '../cases/index.ts';
import { customerContact, notify, renderNotice } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { returnNeedsNewAccount, returnReasonText } from './iso20022/camt054-reason-texts.ts';
import { maskedCreditor, orderAmountText } from './settlement-rules.ts';

export type ReturnPaymentOptions = {
  /** The order, locked by the caller: 'sent' (or 'settled', for a return days later; 'sent' only for rejected). */
  payment: PaymentOrderRow;
  to: 'returned' | 'rejected';
  /** The ISO external return reason code (AC04 …); null when the bank gave none. */
  reasonCode: string | null;
  /** The bank's own words (RtrInf/AddtlInf) or the person's note, kept on the case. */
  details?: string | null;
  /** The day the bank booked the return (today when a person records it). */
  bookingDate: string;
  bankReference?: string | null;
  source: PaymentChangeSource;
  actor: Actor;
  reason: string;
  bankNotificationId?: string | null;
  now?: Date;
};

/**
 * The bank sent the money back (returned) or refused the order (rejected), in the caller's
 * transaction: the order moves with the bank's reason code and text; a service case of kind
 * payment_delay, category payment_returned, opens for the representative, linked to the payment
 * and the claim, its subject naming the reason in the customer's language ("bank account closed —
 * ask the customer for a new one"); the customer is asked for a new account (or, when the reason
 * is on the bank's or our side, told that we are looking into it). The re-payment is made when a
 * new account is applied (account changes → repayReturnedPayment), not here.
 */
export async function returnPayment(
  trx: Transaction<DB>,
  opts: ReturnPaymentOptions,
): Promise<{ payment: PaymentOrderRow; serviceCase: ServiceCaseRow; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const code = opts.reasonCode?.toUpperCase() ?? null;
  const changed = await changePaymentStatus(trx, {
    payment: opts.payment,
    to: opts.to,
    source: opts.source,
    actor: opts.actor,
    reason: opts.reason,
    reasonCode: code,
    bankNotificationId: opts.bankNotificationId ?? null,
    set: {
      reason_code: code,
      reason_text: returnReasonText(code, 'en'),
      ...(opts.bankReference ? { bank_reference: opts.bankReference } : {}),
    },
    now,
  });
  const payment = changed.payment;
  const claim = await trx
    .selectFrom('claims')
    .select(['id', 'claim_number'])
    .where('id', '=', payment.claim_id)
    .executeTakeFirstOrThrow();
  const customer = await trx
    .selectFrom('customers')
    .select('country')
    .where('id', '=', payment.customer_id)
    .executeTakeFirstOrThrow();
  const contact = await customerContact(trx, payment.customer_id);
  const language = contact.language;
  const reasonText = returnReasonText(code, language);
  const facts = {
    paymentNumber: payment.payment_number,
    claimNumber: claim.claim_number,
    amount: orderAmountText(payment, language),
    account: maskedCreditor(payment),
  };
  const caseText = renderNotice('payment.returned_case', language, {
    ...facts,
    date: opts.bookingDate,
    code: code ?? '–',
    reason: reasonText,
    details: opts.details ? ` ${opts.details}` : '',
  });
  const opened = await openServiceCaseInTransaction(trx, {
    customerId: payment.customer_id,
    kind: 'payment_delay',
    category: 'payment_returned',
    subject: caseText.subject.slice(0, 200),
    description: caseText.body,
    channel: 'api',
    claimId: payment.claim_id,
    paymentId: payment.id,
    actor: opts.actor,
    now,
  });
  await notify(trx, {
    audience: 'customer',
    customerId: payment.customer_id,
    channel: contact.channel,
    kind: returnNeedsNewAccount(code) ? 'payment.returned' : 'payment.returned_checking',
    language,
    params: {
      ...facts,
      reason: reasonText,
      reference: opened.serviceCase.case_number,
      phone: servicePhone(customer.country),
    },
    entityType: 'service_case',
    entityId: opened.serviceCase.id,
    dedupeKey: `payment:${payment.id}:${opts.to}`,
  });
  return { payment, serviceCase: opened.serviceCase, events: [changed.event, ...opened.events] };
}
