import type { Language } from '../../db/schema.ts';
import type { DocumentKind, ProductConfig } from '../products/product-config-schema.ts';

// The contract of the assessment engine: plain data in, plain data out, no I/O. Everything the
// engine needs is in `AssessmentInput`; everything a representative, a customer letter, a later
// re-explanation or an auditor needs is in `Assessment`. Money is integer minor units.

export const ENGINE_VERSION = 'assess-1.0.0';

export type AssessmentClaimLine = {
  lineNo: number;
  benefitCode: string;
  serviceDate: string; // YYYY-MM-DD; for a daily benefit, the first day of the period
  amountMinor: number; // for a daily benefit: 0 (the engine computes it)
  currency: string;
  provider: string | null;
  days: number | null; // daily benefit only: number of consecutive days from serviceDate
};

export type AssessmentClaim = {
  id: string;
  customerId: string;
  insuredPersonId: string;
  insuredBirthDate: string;
  incidentDate: string;
  registeredOn: string; // YYYY-MM-DD, in the customer's zone: "today" for future-date checks
  currency: string;
  totalClaimedMinor: number;
  cause: string | null; // e.g. 'illness', 'accident', 'theft', 'delay', 'extreme_sports'
  incidentCountry: string | null; // ISO 3166-1 alpha-2
  preExistingCondition: boolean;
  documents: DocumentKind[]; // kinds of documents received so far
  lines: AssessmentClaimLine[];
};

export type AssessmentPolicy = {
  id: string;
  startsOn: string;
  endsOn: string; // exclusive
  status: 'active' | 'cancelled' | 'expired';
  currency: string;
  /** Premium state on the date of loss, derived by policies/premium-status. */
  premiumState: 'paid' | 'grace_period' | 'overdue' | 'lapsed';
  declaredAnnualIncomeMinor: number | null;
};

export type AssessmentProductVersion = {
  id: string;
  version: number;
  config: ProductConfig;
};

/**
 * Amounts already used before this claim, keyed as `accumulatorKey` builds them. The engine
 * returns the deltas this claim adds; the caller stores them in the same transaction as the
 * decision, so that limits hold whatever order claims arrive in.
 */
export type Accumulators = Readonly<Record<string, number>>;

/** A claim already on file for the same policy, for duplicate detection. */
export type PriorClaim = {
  id: string;
  claimNumber: string;
  insuredPersonId: string;
  incidentDate: string;
  totalClaimedMinor: number;
  providers: string[];
  serviceDates: string[];
};

export type AssessmentInput = {
  claim: AssessmentClaim;
  policy: AssessmentPolicy;
  product: AssessmentProductVersion;
  accumulators: Accumulators;
  priorClaims: PriorClaim[];
  language: Language;
};

export type Recommendation = 'approve' | 'partial' | 'deny' | 'request_information' | 'refer';

/**
 * Stable reason codes. Each has a text in sv/it/en (assessment-texts.ts) and appears on a line,
 * on the claim, or both. Adding one means adding its texts (a test checks all three languages).
 */
export type ReasonCode =
  // validation (processing errors)
  | 'date_in_future'
  | 'date_before_birth'
  | 'negative_amount'
  | 'amounts_do_not_sum'
  | 'currency_mismatch'
  | 'line_outside_incident'
  // completeness
  | 'document_missing'
  // duplicates
  | 'duplicate_claim'
  | 'possible_duplicate'
  // eligibility
  | 'policy_not_in_force'
  | 'policy_cancelled'
  | 'premium_grace_period'
  | 'premium_overdue'
  | 'policy_lapsed'
  // cover and rules
  | 'benefit_not_covered'
  | 'excluded'
  | 'waiting_period'
  | 'limit_per_line'
  | 'limit_per_claim'
  | 'limit_per_year'
  | 'limit_lifetime'
  | 'deductible_applied'
  | 'copayment_applied'
  | 'daily_benefit_computed'
  | 'daily_benefit_waiting_days'
  | 'daily_benefit_max_days'
  | 'income_missing'
  | 'covered_in_full'
  | 'straight_through'
  | 'above_straight_through_limit'
  | 'engine_error';

export type Reason = {
  code: ReasonCode;
  clause: string | null;
  /** Values for the text template, e.g. { limit: 500000, currency: 'SEK' }. */
  params: Record<string, string | number>;
};

/** FHIR-style adjudication of one line (submitted → eligible → deductible → copay → benefit). */
export type LineAdjudication = {
  lineNo: number;
  benefitCode: string;
  submittedMinor: number;
  eligibleMinor: number; // after cover, exclusions, waiting period and limits
  deductibleMinor: number;
  copayMinor: number;
  benefitMinor: number; // payable = eligible − deductible − copay, never negative
  reasons: Reason[];
};

export type AccumulatorDelta = { key: string; amountMinor: number };

export type Assessment = {
  engineVersion: string;
  productVersionId: string;
  recommendation: Recommendation;
  currency: string;
  totals: {
    submittedMinor: number;
    eligibleMinor: number;
    deductibleMinor: number;
    copayMinor: number;
    benefitMinor: number;
  };
  lines: LineAdjudication[];
  /** What the customer must still send: documents per benefit. */
  missing: { document: DocumentKind; benefitCode: string; clause: string }[];
  riskFlags: { code: 'duplicate_claim' | 'possible_duplicate'; claimNumber: string }[];
  /** Claim-level reasons (eligibility, validation, duplicates, straight-through). */
  reasons: Reason[];
  /** Every reason (claim and line) rendered in the customer's language, citing the clause. */
  explanation: { code: ReasonCode; clause: string | null; text: string; lineNo: number | null }[];
  accumulatorDeltas: AccumulatorDelta[];
  /** True when the product allows deciding this claim without a person. */
  straightThrough: boolean;
};
