import { parseIsoDay } from '../../lib/day-number.ts';
import type { Assessment, AssessmentClaim, PriorClaim, Reason } from './assessment-types.ts';
import { append, emptyList } from './lists.ts';

// Stage 3 — duplicates, against the other claims on the same policy.
// - `duplicate_claim` (risk flag + claim reason): same insured person, same incident date, same
//   total, and at least one provider in common (or neither claim names a provider).
// - `possible_duplicate` (risk flag only): not a duplicate_claim, same insured person, and either
//   the same total with incident dates at most 7 days apart, or the same incident date with totals
//   within 5 % of each other.
//
// Decisions:
// - "same insured person" is required for both kinds of possible duplicate;
// - "within 5 % of each other" means |a − b| ≤ 5 % of the larger of the two totals;
// - a prior claim with the same id as this claim is this claim itself (a re-assessment) and is
//   skipped;
// - `possible_duplicate` stays a risk flag only, as the rules say (it blocks straight-through but
//   is not a reason, so it is not in the customer's explanation).

export type DuplicateFindings = {
  riskFlags: Assessment['riskFlags'];
  reasons: Reason[];
};

/** How far apart two incident dates may be for the claims to be possible duplicates. */
export const NEAR_DAYS = 7;
const SAFE_20 = Math.floor(Number.MAX_SAFE_INTEGER / 20);

/** |a − b| ≤ 5 % of max(|a|, |b|), exactly. */
export function withinFivePercent(a: number, b: number): boolean {
  const diff = Math.abs(a - b);
  const max = Math.max(Math.abs(a), Math.abs(b));
  if (max <= SAFE_20) return diff * 20 <= max;
  const bd = BigInt(a) - BigInt(b);
  return (bd < 0n ? -bd : bd) * 20n <= BigInt(max);
}

function sharesProvider(mine: readonly string[], theirs: readonly unknown[]): boolean {
  if (mine.length === 0 && theirs.length === 0) return true;
  for (const p of mine) if (theirs.includes(p)) return true;
  return false;
}

/** No duplicates (the usual outcome): shared, not built for every claim. */
const NO_FINDINGS: DuplicateFindings = Object.freeze<DuplicateFindings>({
  riskFlags: emptyList(),
  reasons: emptyList(),
});

/**
 * The claims on file that can matter to this stage: the same insured person, incident dates at
 * most NEAR_DAYS apart. Every other prior claim is skipped by `detectDuplicates` anyway, so the
 * loaders give the engine only these (the single path's SQL and the bulk path's in-memory lists
 * alike): the stored input stays small however many claims a policy has had — with all of them, a
 * batch of thousands of claims on one policy grew its inputs quadratically.
 */
export function relevantPriorClaims(
  claim: { insuredPersonId: string; incidentDate: string },
  priorClaims: readonly PriorClaim[],
): PriorClaim[] {
  const day = parseIsoDay(claim.incidentDate);
  return priorClaims.filter(
    (p) =>
      p.insuredPersonId === claim.insuredPersonId && Math.abs(parseIsoDay(p.incidentDate) - day) <= NEAR_DAYS,
  );
}

/** The findings; their lists are shared and empty when there are none (do not output them then). */
export function detectDuplicates(
  claim: AssessmentClaim,
  incidentDay: number,
  priorClaims: readonly PriorClaim[],
): DuplicateFindings {
  if (priorClaims.length === 0) return NO_FINDINGS;
  const findings: DuplicateFindings = { riskFlags: emptyList(), reasons: emptyList() };
  let providers = emptyList<string>();
  for (const line of claim.lines) {
    if (line.provider !== null && !providers.includes(line.provider))
      providers = append(providers, line.provider);
  }
  const total = claim.totalClaimedMinor;
  for (const prior of priorClaims) {
    if (prior.id === claim.id || prior.insuredPersonId !== claim.insuredPersonId) continue;
    const sameDate = prior.incidentDate === claim.incidentDate;
    const sameTotal = prior.totalClaimedMinor === total;
    if (sameDate && sameTotal && sharesProvider(providers, prior.providers)) {
      findings.riskFlags = append(findings.riskFlags, {
        code: 'duplicate_claim',
        claimNumber: prior.claimNumber,
      });
      findings.reasons = append(findings.reasons, {
        code: 'duplicate_claim',
        clause: null,
        params: { claimNumber: prior.claimNumber },
      });
      continue;
    }
    const near =
      (sameTotal && Math.abs(parseIsoDay(prior.incidentDate) - incidentDay) <= NEAR_DAYS) ||
      (sameDate && withinFivePercent(prior.totalClaimedMinor, total));
    if (near)
      findings.riskFlags = append(findings.riskFlags, {
        code: 'possible_duplicate',
        claimNumber: prior.claimNumber,
      });
  }
  return findings.riskFlags.length === 0 ? NO_FINDINGS : findings;
}
