import type { Transaction } from 'kysely';
import type { DB, PaymentOrderRow } from '../../db/schema.ts';
import type { BankAccountView } from '../bank-accounts/index.ts';
import { customerContact, notify } from '../notifications/index.ts';
import { formatLetterDate, formatLetterMoney } from '../outbound/index.ts';

// What the customer hears about a new or released payment order (texts/payment-orders.ts): that it
// is scheduled, or that we need their bank account. One notice per order (dedupe key).

async function claimNumberOf(trx: Transaction<DB>, claimId: string): Promise<string> {
  const row = await trx
    .selectFrom('claims')
    .select('claim_number')
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  return row.claim_number;
}

export async function tellCustomerPaymentScheduled(
  trx: Transaction<DB>,
  payment: PaymentOrderRow,
  account: Pick<BankAccountView, 'masked'>,
): Promise<void> {
  const { channel, language } = await customerContact(trx, payment.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: payment.customer_id,
    channel,
    kind: 'payment.scheduled',
    language,
    params: {
      reference: await claimNumberOf(trx, payment.claim_id),
      payment: payment.payment_number,
      amount: formatLetterMoney(payment.principal_minor + payment.interest_minor, payment.currency, language),
      date: formatLetterDate(payment.requested_execution_date, language),
      masked: account.masked,
    },
    entityType: 'payment',
    entityId: payment.id,
    dedupeKey: `payment.scheduled:${payment.id}`,
  });
}

export async function tellCustomerAwaitingAccount(
  trx: Transaction<DB>,
  payment: PaymentOrderRow,
): Promise<void> {
  const { channel, language } = await customerContact(trx, payment.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: payment.customer_id,
    channel,
    kind: 'payment.awaiting_account',
    language,
    params: {
      reference: await claimNumberOf(trx, payment.claim_id),
      payment: payment.payment_number,
      amount: formatLetterMoney(payment.principal_minor + payment.interest_minor, payment.currency, language),
    },
    entityType: 'payment',
    entityId: payment.id,
    dedupeKey: `payment.awaiting_account:${payment.id}`,
  });
}
