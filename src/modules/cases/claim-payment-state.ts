import type { ClaimStatus } from '../../db/schema.ts';

// Where the payment of a claim stands, as far as the claim tells (pure). Payments have no record
// of their own yet: the payments issue (7) replaces this with the payment record's real state and
// history. Until then: decided to pay → awaiting payment; paid → paid; anything else is not due.

export type ClaimPaymentState = 'not_due' | 'awaiting_payment' | 'paid';

export function paymentStateOfClaim(status: ClaimStatus): ClaimPaymentState {
  if (status === 'approved' || status === 'partially_approved') return 'awaiting_payment';
  if (status === 'paid') return 'paid';
  return 'not_due';
}
