import type { Language, PaymentOrderRow, PaymentStatus } from '../../db/schema.ts';
import { formatMoney } from '../assessment/explain.ts';
import { type BankAccount, maskBankAccount } from '../bank-accounts/index.ts';
import { LIVE_PAYMENT_STATUSES } from './payment-lifecycle.ts';

// Pure rules of what the bank's answers mean for a claim (settle-payment.ts, return-payment.ts).

export type DecisionOrder = { instalmentNo: number; status: PaymentStatus };

/**
 * A decision is paid when every instalment it has has a settled order and nothing of it is still
 * on its way. A returned or rejected order counts only once its re-payment (same instalment)
 * has settled; a decision with no orders at all (nothing to pay) is not "paid" by the bank.
 */
export function decisionFullyPaid(orders: readonly DecisionOrder[]): boolean {
  if (orders.length === 0) return false;
  if (orders.some((o) => LIVE_PAYMENT_STATUSES.includes(o.status))) return false;
  const instalments = new Set(orders.map((o) => o.instalmentNo));
  const settled = new Set(orders.filter((o) => o.status === 'settled').map((o) => o.instalmentNo));
  return [...instalments].every((n) => settled.has(n));
}

/** What the bank moves for an order: principal and late interest together (the pain.001 amount). */
export function orderAmountMinor(
  payment: Pick<PaymentOrderRow, 'principal_minor' | 'interest_minor'>,
): number {
  return payment.principal_minor + payment.interest_minor;
}

export function orderAmountText(payment: PaymentOrderRow, language: Language): string {
  return formatMoney(orderAmountMinor(payment), payment.currency, language);
}

/** The creditor account the order went to, masked as in every customer notice. */
export function maskedCreditor(payment: PaymentOrderRow): string {
  if (!payment.creditor_scheme) return '–';
  const account: BankAccount = {
    scheme: payment.creditor_scheme,
    iban: payment.creditor_iban,
    bic: payment.creditor_bic,
    clearingNumber: payment.creditor_clearing_number,
    accountNumber: payment.creditor_account_number,
    holderName: payment.creditor_name ?? '',
  };
  return maskBankAccount(account);
}
