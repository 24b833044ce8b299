import type { Transaction, Updateable } from 'kysely';
import type { DB, PaymentOrderRow, PaymentOrdersTable } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import {
  type BankAccountInput,
  type BankAccountView,
  bankAccountChangedWithin,
  currentBankAccount,
  validateBankAccount,
} from '../bank-accounts/index.ts';
import type { Actor } from '../users/actor.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { laterDate, requestedExecutionDate } from './execution-date.ts';
import { lateInterestFor } from './payment-interest.ts';
import { tellCustomerPaymentScheduled } from './payment-order-notices.ts';
import { holdReasonsFor } from './payment-order-rules.ts';
import { currencySettings, paymentSettings } from './payment-settings.ts';

// The customer's account, checked again before money goes to it, and the orders that waited for one.

export type PayableAccount = { account: BankAccountView; recentlyChanged: boolean };

/**
 * The current payout account if it still passes the bank-account rules (an IBAN with a bad
 * checksum never reaches a payment, whatever got it into the table), with whether it is fresh.
 * Fresh means: set through an account change within accountChangeHoldDays AND replacing an earlier
 * account — account takeover changes an account just before a payout; a customer giving their
 * first account because we asked for it (awaiting_account) is not that pattern.
 */
export async function payableAccount(
  trx: Transaction<DB>,
  customerId: string,
  now: Date,
): Promise<PayableAccount | { invalid: string[] } | null> {
  const account = await currentBankAccount(trx, customerId);
  if (!account) return null;
  const checked = validateBankAccount(inputOf(account));
  if (!checked.ok) return { invalid: checked.problems.map((p) => `${p.path.join('.')}: ${p.code}`) };
  const since = new Date(now.getTime() - paymentSettings().accountChangeHoldDays * 86_400_000);
  let recentlyChanged = false;
  if (await bankAccountChangedWithin(trx, customerId, since)) {
    const earlier = await trx
      .selectFrom('customer_bank_accounts')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('id', '!=', account.id)
      .limit(1)
      .executeTakeFirst();
    recentlyChanged = earlier !== undefined;
  }
  return { account, recentlyChanged };
}

function inputOf(a: BankAccountView): BankAccountInput {
  switch (a.scheme) {
    case 'iban':
      return {
        scheme: 'iban',
        iban: a.iban ?? '',
        ...(a.bic ? { bic: a.bic } : {}),
        holderName: a.holderName,
      };
    case 'bankgiro':
    case 'plusgiro':
      return { scheme: a.scheme, accountNumber: a.accountNumber ?? '', holderName: a.holderName };
    case 'se_account':
      return {
        scheme: 'se_account',
        clearingNumber: a.clearingNumber ?? '',
        accountNumber: a.accountNumber ?? '',
        holderName: a.holderName,
      };
  }
}

/** The creditor columns of an order: the account as checked, copied so the bank file says what was checked. */
export function creditorColumns(account: BankAccountView) {
  return {
    bank_account_id: account.id,
    creditor_name: account.holderName,
    creditor_scheme: account.scheme,
    creditor_iban: account.iban,
    creditor_bic: account.bic,
    creditor_clearing_number: account.clearingNumber,
    creditor_account_number: account.accountNumber,
  } satisfies Updateable<PaymentOrdersTable>;
}

/**
 * A customer's new payout account became current: their orders waiting for an account get it and
 * go to 'ready', or to 'held' when a rule says a person must look. The execution date moves to the
 * next banking day when it has passed, and the late interest is computed again for that date (the
 * customer was owed it the whole time). Runs in the caller's transaction; returns the audit events.
 */
export async function readyWaitingPayments(
  trx: Transaction<DB>,
  opts: { customerId: string; actor: Actor; now?: Date },
): Promise<{ payments: PaymentOrderRow[]; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const waiting = await trx
    .selectFrom('payment_orders')
    .selectAll()
    .where('customer_id', '=', opts.customerId)
    .where('status', '=', 'awaiting_account')
    .orderBy('id')
    .forUpdate()
    .execute();
  if (waiting.length === 0) return { payments: [], events: [] };
  const payable = await payableAccount(trx, opts.customerId, now);
  if (payable === null || 'invalid' in payable) return { payments: [], events: [] };
  const events: AuditInput[] = [];
  const payments: PaymentOrderRow[] = [];
  for (const order of waiting) {
    const executionDate = laterDate(
      order.requested_execution_date,
      requestedExecutionDate(order.currency, now),
    );
    const interest =
      order.kind === 'repayment'
        ? null
        : await lateInterestFor(trx, {
            claimId: order.claim_id,
            principalMinor: order.principal_minor,
            executionDate,
          });
    const interestMinor = interest ? interest.interestMinor : order.interest_minor;
    const limit = currencySettings(order.currency)?.singleApprovalLimitMinor ?? null;
    const { holdReasons, needsSecondApproval } = holdReasonsFor({
      accountRecentlyChanged: payable.recentlyChanged,
      totalMinor: order.principal_minor + interestMinor,
      singleApprovalLimitMinor: limit,
      interestRateMissing: interest?.rateMissing ?? false,
    });
    const to = holdReasons.length > 0 ? 'held' : 'ready';
    const moved = await changePaymentStatus(trx, {
      payment: order,
      to,
      source: 'system',
      actor: opts.actor,
      reason:
        to === 'held'
          ? `Bank account registered; held for review: ${holdReasons.join(', ')}`
          : 'Bank account registered',
      set: {
        ...creditorColumns(payable.account),
        requested_execution_date: executionDate,
        hold_reasons: holdReasons,
        needs_second_approval: needsSecondApproval,
        ...(interest
          ? {
              interest_minor: interest.interestMinor,
              interest: interest.interest ? JSON.stringify(interest.interest) : null,
              legal_due_date: interest.legalDueDate,
            }
          : {}),
      },
      now,
    });
    events.push(moved.event);
    payments.push(moved.payment);
    if (to === 'ready') await tellCustomerPaymentScheduled(trx, moved.payment, payable.account);
  }
  return { payments, events };
}
