import type { Transaction } from 'kysely';
import type { ClaimStatus, DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditInput } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';

// The one table of allowed claim status changes (DESIGN.md: no status is set any other way).
//
//   registered ──► in_review ◄──────────► awaiting_information ──► closed (no answer, product says)
//        │            │   ▲                        │
//        │            ▼   │ returned               └──► denied (no answer, product says)
//        │         escalated ──► decided by the supervisor
//        ▼            ▼
//   approved / partially_approved / denied ──► paid ──► closed
//                     │                 ▲
//                     └──► appealed ────┘ (a new decision; the old one is kept, superseded)
//
// withdrawn is reachable from every undecided status. A decided claim changes only by appeal,
// payment or closing: an approval is never silently turned into something else.

const UNDECIDED_EXITS = ['withdrawn'] as const;
const DECIDE = ['approved', 'partially_approved', 'denied'] as const;

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  // Assessment on registration: to a person's review, to the customer for missing items, or
  // decided straight through (never denied: a denial is always a person's decision).
  registered: ['in_review', 'awaiting_information', 'approved', 'partially_approved', ...UNDECIDED_EXITS],
  in_review: ['awaiting_information', 'escalated', ...DECIDE, ...UNDECIDED_EXITS],
  // The customer's answer brings it back; no answer by the final date ends it as the product says.
  // Straight through is possible once the answer completes a clean claim.
  awaiting_information: [
    'in_review',
    'approved',
    'partially_approved',
    'closed',
    'denied',
    ...UNDECIDED_EXITS,
  ],
  // The supervisor decides, or returns the claim to the representative with a comment.
  escalated: ['in_review', ...DECIDE, ...UNDECIDED_EXITS],
  approved: ['paid', 'appealed', 'closed'],
  partially_approved: ['paid', 'appealed', 'closed'],
  denied: ['appealed', 'closed'],
  // An appeal is reviewed like a new claim, with the whole history kept.
  appealed: ['awaiting_information', 'escalated', ...DECIDE, ...UNDECIDED_EXITS],
  paid: ['closed', 'appealed'],
  closed: ['appealed'],
  withdrawn: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ClaimStatus, to: ClaimStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('claim_transition_not_allowed', `A claim cannot go from ${from} to ${to}.`, {
      extra: { from, to, allowed: CLAIM_TRANSITIONS[from] },
    });
  }
}

export type TransitionOptions = {
  actor: Actor;
  /** Why, in words a person reads in the history: shown to supervisors and auditors. */
  reason: string;
  /** Machine-readable extras for the audit event (decision id, request id…). */
  data?: Record<string, unknown>;
  /**
   * false when the caller has already counted this change in the claim's version (registration
   * creates the claim; recording documents bumps it before re-assessing): one change, one version.
   */
  bumpVersion?: boolean;
};

/**
 * Moves a claim to `to` if the table allows it from its current status, and returns the
 * 'claim.status_changed' audit event (actor, from, to, reason) for the caller to append with its
 * own events in the same transaction. Staying in the same status is not a transition: it changes
 * nothing and returns null. The UPDATE is conditional on the status read, so a concurrent change
 * makes this fail with version_conflict, never overwrite.
 */
export async function transitionClaim(
  trx: Transaction<DB>,
  claimId: string,
  to: ClaimStatus,
  opts: TransitionOptions,
): Promise<AuditInput | null> {
  const claim = await trx
    .selectFrom('claims')
    .select(['status', 'customer_id', 'claim_number'])
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  if (claim.status === to) return null;
  assertTransition(claim.status, to);
  const result = await trx
    .updateTable('claims')
    .set((eb) => ({
      status: to,
      status_changed_at: new Date(),
      version: opts.bumpVersion === false ? eb.ref('version') : eb('version', '+', 1),
    }))
    .where('id', '=', claimId)
    .where('status', '=', claim.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError('version_conflict', 'The claim changed while it was being updated; reload and retry.');
  }
  await trx
    .updateTable('work_items')
    .set({ subject_status: to, updated_at: new Date() })
    .where('kind', '=', 'claim')
    .where('subject_id', '=', claimId)
    .execute();
  return {
    actor: opts.actor,
    action: 'claim.status_changed',
    entityType: 'claim',
    entityId: claimId,
    customerId: claim.customer_id,
    reason: opts.reason,
    data: { claimNumber: claim.claim_number, from: claim.status, to, ...opts.data },
  };
}
