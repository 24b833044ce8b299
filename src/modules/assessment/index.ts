export {
  type AccumulatorKind,
  type AccumulatorScope,
  accumulatorKey,
  parseAccumulatorKey,
} from './accumulator-keys.ts';
export { assessClaim } from './assess-claim.ts';
export { REASON_CODES } from './assessment-texts.ts';
export {
  type AccumulatorDelta,
  type Accumulators,
  type Assessment,
  type AssessmentClaim,
  type AssessmentClaimLine,
  type AssessmentInput,
  type AssessmentPolicy,
  type AssessmentProductVersion,
  ENGINE_VERSION,
  type LineAdjudication,
  type PriorClaim,
  type Reason,
  type ReasonCode,
  type Recommendation,
} from './assessment-types.ts';
export { NEAR_DAYS, relevantPriorClaims } from './detect-duplicates.ts';
export { policyYearStart } from './policy-year.ts';
