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

export function recommend(f: RecommendationFacts): RecommendationResult {
  let recommendation: Recommendation;
  if (f.validationFailed || f.duplicate || f.incomeMissing) recommendation = 'refer';
  else if (f.eligibilityDenied) recommendation = 'deny';
  else if (f.missingCount > 0) recommendation = 'request_information';
  else if (f.totalBenefitMinor <= 0) recommendation = 'deny';
  else {
    recommendation = 'approve';
    for (const w of f.lines) {
      if (w.eligibleMinor !== w.submittedMinor - w.ordinaryTermsMinor) {
        recommendation = 'partial';
        break;
      }
    }
  }

  const limit = f.straightThroughLimitMinor;
  if (
    recommendation !== 'approve' ||
    f.riskFlagCount > 0 ||
    f.premiumState !== 'paid' ||
    limit === undefined
  ) {
    return { recommendation, straightThrough: false, reason: null };
  }
  if (f.totalBenefitMinor <= limit) {
    return {
      recommendation,
      straightThrough: true,
      reason: { code: 'straight_through', clause: null, params: { limitMinor: limit } },
    };
  }
  return {
    recommendation,
    straightThrough: false,
    reason: {
      code: 'above_straight_through_limit',
      clause: null,
      params: { limitMinor: limit, benefitMinor: f.totalBenefitMinor },
    },
  };
}
