import type { AssessmentPolicy, Reason, Recommendation } from './assessment-types.ts';
import type { LineWork } from './line-work.ts';

// The recommendation (docs/assessment.md, "Recommendation") — first match wins:
// 1. refer — engine error, validation reasons, duplicate_claim, or income_missing;
// 2. deny — an eligibility reason other than premium_grace_period;
// 3. request_information — anything missing;
// 4. deny — total benefit 0;
// 5. approve — every line's eligible equals its submitted amount less ordinary terms (the unpaid
//    waiting days of a daily benefit, like a deductible, are the terms working as agreed);
// 6. partial — otherwise.
// Straight-through: approve, no risk flags, premium paid, and total benefit at most the product's
// straightThroughLimitMinor → reason `straight_through`; the same clean claim above the limit →
// `above_straight_through_limit`.
//
// Decision: a product without straightThroughLimitMinor never goes straight through and its
// claims get neither straight-through reason.

export type RecommendationFacts = {
  validationFailed: boolean;
  duplicate: boolean;
  incomeMissing: boolean;
  eligibilityDenied: boolean;
  missingCount: number;
  riskFlagCount: number;
  totalBenefitMinor: number;
  lines: readonly LineWork[];
  premiumState: AssessmentPolicy['premiumState'];
  straightThroughLimitMinor: number | undefined;
};

export type RecommendationResult = {
  recommendation: Recommendation;
  straightThrough: boolean;
  /** `straight_through` or `above_straight_through_limit`, or null. */
  reason: Reason | null;
};

/**
 * The recommendation and straight-through decision from the facts. The engine calls the two parts
 * below directly with the facts as arguments (no facts or result object per claim).
 */
export function recommend(f: RecommendationFacts): RecommendationResult {
  const recommendation = recommendationOf(
    f.validationFailed || f.duplicate || f.incomeMissing,
    f.eligibilityDenied,
    f.missingCount,
    f.totalBenefitMinor,
    f.lines,
  );
  const reason = straightThroughReason(
    recommendation,
    f.riskFlagCount,
    f.premiumState,
    f.straightThroughLimitMinor,
    f.totalBenefitMinor,
  );
  return { recommendation, straightThrough: isStraightThrough(reason), reason };
}

/** Rules 1–6 above; `refer` is rule 1 (validation reasons, a duplicate or a missing income). */
export function recommendationOf(
  refer: boolean,
  eligibilityDenied: boolean,
  missingCount: number,
  totalBenefitMinor: number,
  lines: readonly LineWork[],
): Recommendation {
  if (refer) return 'refer';
  if (eligibilityDenied) return 'deny';
  if (missingCount > 0) return 'request_information';
  if (totalBenefitMinor <= 0) return 'deny';
  for (const w of lines) {
    if (w.eligibleMinor !== w.submittedMinor - w.ordinaryTermsMinor) return 'partial';
  }
  return 'approve';
}

/** `straight_through`, `above_straight_through_limit`, or null (neither applies). */
export function straightThroughReason(
  recommendation: Recommendation,
  riskFlagCount: number,
  premiumState: AssessmentPolicy['premiumState'],
  limit: number | undefined,
  totalBenefitMinor: number,
): Reason | null {
  if (recommendation !== 'approve' || riskFlagCount > 0 || premiumState !== 'paid' || limit === undefined) {
    return null;
  }
  if (totalBenefitMinor <= limit) {
    return { code: 'straight_through', clause: null, params: { limitMinor: limit } };
  }
  return {
    code: 'above_straight_through_limit',
    clause: null,
    params: { limitMinor: limit, benefitMinor: totalBenefitMinor },
  };
}

export function isStraightThrough(reason: Reason | null): boolean {
  return reason !== null && reason.code === 'straight_through';
}
