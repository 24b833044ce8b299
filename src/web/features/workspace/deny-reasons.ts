// The reason codes the desk offers for a denial. Each has a text in the decision letter and the
// decision notice (src/modules/outbound/decision-letter-texts.ts, DENIAL_REASONS): the desk offers
// only codes the customer will read in words (deny-reasons.test.ts checks it). The server accepts
// any snake_case code; one without a text reaches the customer as "Other reason (…)".
export const DENY_REASONS = [
  'not_covered',
  'benefit_not_covered',
  'excluded',
  'waiting_period',
  'pre_existing_condition',
  'policy_not_in_force',
  'premium_unpaid',
  'late_claim',
  'documents_missing',
  'insufficient_evidence',
  'duplicate_claim',
] as const;
