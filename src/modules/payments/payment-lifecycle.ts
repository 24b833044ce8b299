import type { PaymentBatchStatus, PaymentStatus } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';

// Where a payment order may go next (pure). The states (docs/payments.md):
//
//   awaiting_account ─► ready ◄─► held          (no verified account yet / a person must look)
//          │            │  ▲
//          │            ▼  │ (batch cancelled)
//          │          batched ─► sent ─► settled ─► returned
//          │                      │
//          ▼                      ├─► returned   (the bank sent the money back: closed account…)
//      cancelled                  └─► rejected   (the bank refused the order)
//
// A settled payment can still come back (the receiving bank returns it days later), so settled →
// returned is allowed. Returned, rejected and cancelled are final: the money is re-paid with a new
// order that names the old one (replaces_payment_id), never by reviving it.

/** Every status, in the order of the diagram above (the API's enum). */
export const PAYMENT_STATUSES = [
  'awaiting_account',
  'held',
  'ready',
  'batched',
  'sent',
  'settled',
  'returned',
  'rejected',
  'cancelled',
] as const satisfies readonly PaymentStatus[];

export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  awaiting_account: ['ready', 'held', 'cancelled'],
  held: ['ready', 'cancelled'],
  ready: ['batched', 'held', 'cancelled'],
  batched: ['sent', 'ready'],
  sent: ['settled', 'returned', 'rejected'],
  settled: ['returned'],
  returned: [],
  rejected: [],
  cancelled: [],
};

/** Payments that still owe the customer money and may still reach them. */
export const LIVE_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'awaiting_account',
  'held',
  'ready',
  'batched',
  'sent',
];

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export function assertPaymentTransition(paymentNumber: string, from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransitionPayment(from, to)) {
    throw new AppError(
      'payment_transition_not_allowed',
      `Payment ${paymentNumber} cannot go from ${from} to ${to}.`,
      { extra: { status: from, allowed: PAYMENT_TRANSITIONS[from] } },
    );
  }
}

export const BATCH_TRANSITIONS: Readonly<Record<PaymentBatchStatus, readonly PaymentBatchStatus[]>> = {
  awaiting_approval: ['approved', 'cancelled'],
  approved: ['released', 'cancelled'],
  released: [],
  cancelled: [],
};

export function assertBatchTransition(
  batchNumber: string,
  from: PaymentBatchStatus,
  to: PaymentBatchStatus,
): void {
  if (!BATCH_TRANSITIONS[from].includes(to)) {
    throw new AppError(
      'payment_batch_transition_not_allowed',
      `Batch ${batchNumber} cannot go from ${from} to ${to}.`,
      { extra: { status: from, allowed: BATCH_TRANSITIONS[from] } },
    );
  }
}
