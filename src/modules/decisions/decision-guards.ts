import type { ClaimRow, ClaimStatus } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';

// State guards shared by the decision use cases; each runs on the claim row locked FOR UPDATE, so
// what it checks cannot change before the transaction commits.

/** Decided, paid or closed: changed only by an appeal. */
export const DECIDED_STATUSES: ReadonlySet<ClaimStatus> = new Set([
  'approved',
  'partially_approved',
  'denied',
  'paid',
  'closed',
]);

/**
 * `version` is required on every claim state change: a caller that could leave it out would
 * overwrite a colleague's change unseen (a lost update).
 */
export function assertClaimVersion(claim: ClaimRow, expected: number): void {
  if (expected !== claim.version) {
    throw new AppError(
      'version_conflict',
      `Claim ${claim.claim_number} is at version ${claim.version}, not ${expected}; reload it.`,
      { extra: { currentVersion: claim.version } },
    );
  }
}

export function assertNotDecided(claim: ClaimRow): void {
  if (DECIDED_STATUSES.has(claim.status)) {
    throw new AppError('claim_already_decided', `Claim ${claim.claim_number} is already ${claim.status}.`, {
      extra: { claimNumber: claim.claim_number, status: claim.status },
    });
  }
}

/** Refuses a move the lifecycle table may allow but this use case does not offer from here. */
export function assertStatusIn(claim: ClaimRow, allowed: readonly ClaimStatus[], to: ClaimStatus): void {
  if (!allowed.includes(claim.status)) {
    throw new AppError(
      'claim_transition_not_allowed',
      `Claim ${claim.claim_number} is ${claim.status}; this is possible only from ${allowed.join(', ')}.`,
      { extra: { from: claim.status, to, allowed } },
    );
  }
}
