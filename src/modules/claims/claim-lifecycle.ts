import type { Transaction } from 'kysely';
import type { ClaimStatus, DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';

// The one table of allowed claim status changes (DESIGN.md: no status is set any other way). It
// holds the statuses that exist today; the lifecycle issue adds awaiting information, escalation,
// payment, closing, withdrawal and appeal by adding rows here, and every writer follows.

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  // Assessment on registration: to a person's review, or decided straight through.
  registered: ['in_review', 'approved', 'partially_approved'],
  // Decided by a person (the decisions issue), or straight through once documents arrive.
  in_review: ['approved', 'partially_approved', 'denied'],
  approved: [],
  partially_approved: [],
  denied: [],
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

/**
 * Moves a claim to `to` if the table allows it from its current status. Staying in the same status
 * (a re-assessment that leaves the claim in review) is not a transition and changes nothing. The
 * UPDATE is conditional on the status read, so a concurrent change makes this fail, not overwrite.
 */
export async function transitionClaim(trx: Transaction<DB>, claimId: string, to: ClaimStatus): Promise<void> {
  const claim = await trx
    .selectFrom('claims')
    .select('status')
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  if (claim.status === to) return;
  assertTransition(claim.status, to);
  const result = await trx
    .updateTable('claims')
    .set({ status: to })
    .where('id', '=', claimId)
    .where('status', '=', claim.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError('version_conflict', 'The claim changed while it was being updated; reload and retry.');
  }
}
