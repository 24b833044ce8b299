import type { ClaimStatus } from '../../db/schema.ts';

// What stops an erasure: a matter still being handled needs the customer's identity (to decide, to
// pay, to answer). Erasure waits until they are closed; the customer is told which ones.

/** Claims not yet finished: still being handled, or decided to pay and not paid yet. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = [
  'registered',
  'in_review',
  'awaiting_information',
  'escalated',
  'appealed',
  'approved',
  'partially_approved',
];
/** Service cases (complaints are cases too) that are not resolved, closed or withdrawn. */
export const OPEN_CASE_STATUSES = [
  'open',
  'in_progress',
  'awaiting_customer',
  'awaiting_department',
] as const;
/** Payments that have not reached the customer's account or ended. */
export const OPEN_PAYMENT_STATUSES = ['awaiting_account', 'held', 'ready', 'batched', 'sent'] as const;
export const OPEN_ACCOUNT_CHANGE_STATUSES = ['pending_verification', 'pending_approval'] as const;

export type OpenMatter = {
  kind: 'claim' | 'service_case' | 'payment' | 'recovery' | 'account_change';
  reference: string;
  status: string;
};

/** The problem's field errors: one per open matter, with its kind and reference as the path. */
export function openMatterErrors(matters: readonly OpenMatter[]) {
  return matters.map((m) => ({
    in: 'body' as const,
    path: ['openMatters', m.kind, m.reference],
    code: 'erasure_blocked',
    message: `${m.kind} ${m.reference} is ${m.status}`,
  }));
}
