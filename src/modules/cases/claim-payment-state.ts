import type { ClaimStatus, PaymentStatus } from '../../db/schema.ts';

// Where the payment of a claim stands, in one word a representative can say on the phone (pure).
// The payment orders decide when the claim has any; a claim without one (decided before payments
// had records, or not yet made into an order) falls back to what its status tells.

export type ClaimPaymentState =
  | 'not_due'
  | 'awaiting_account'
  | 'awaiting_payment'
  | 'sent'
  | 'paid'
  | 'returned'
  | 'rejected';

/** The fallback without payment orders: decided to pay → awaiting payment; paid → paid. */
export function paymentStateOfClaim(status: ClaimStatus): ClaimPaymentState {
  if (status === 'approved' || status === 'partially_approved') return 'awaiting_payment';
  if (status === 'paid') return 'paid';
  return 'not_due';
}

// The most pressing state wins: money back from the bank needs the customer (a new account), a
// missing account too; money on its way answers "where is it"; paid only when everything is.
const PRIORITY: readonly ClaimPaymentState[] = [
  'returned',
  'rejected',
  'awaiting_account',
  'sent',
  'awaiting_payment',
  'paid',
];

const STATE_OF: Record<PaymentStatus, ClaimPaymentState | null> = {
  awaiting_account: 'awaiting_account',
  held: 'awaiting_payment',
  ready: 'awaiting_payment',
  batched: 'awaiting_payment',
  sent: 'sent',
  settled: 'paid',
  returned: 'returned',
  rejected: 'rejected',
  cancelled: null,
};

/**
 * The state of a claim's payment orders, or null when none counts (none, or all cancelled). A
 * returned or rejected order that a re-payment replaces no longer counts: the re-payment does.
 */
export function paymentStateOfOrders(
  orders: readonly { id: string; status: PaymentStatus; replacesPaymentId: string | null }[],
): ClaimPaymentState | null {
  const replaced = new Set(orders.map((o) => o.replacesPaymentId).filter((id) => id !== null));
  const states = new Set(
    orders
      .filter((o) => !replaced.has(o.id))
      .map((o) => STATE_OF[o.status])
      .filter((s) => s !== null),
  );
  return PRIORITY.find((s) => states.has(s)) ?? null;
}
