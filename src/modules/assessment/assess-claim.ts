import type { Language } from '../../db/schema.ts';
import { ClaimKeys } from './accumulator-keys.ts';
import { adjudicateLines, type LineAdjudicationResult } from './adjudicate-lines.ts';
import { applyCopayment } from './apply-copayment.ts';
import { applyDeductible } from './apply-deductible.ts';
import type { AccumulatorDelta, Assessment, AssessmentInput, Reason } from './assessment-types.ts';
import { ENGINE_VERSION } from './assessment-types.ts';
import { checkCompleteness, type Missing } from './check-completeness.ts';
import { checkEligibility } from './check-eligibility.ts';
import { accumulatorValue, checkInputShape, findAccumulatorKey } from './check-input-shape.ts';
import { compileProduct } from './compiled-product.ts';
import { computeDailySubmitted } from './daily-benefit.ts';
import { detectDuplicates } from './detect-duplicates.ts';
import { explain, renderReason } from './explain.ts';
import { createLineWork, toAdjudication } from './line-work.ts';
import { append } from './lists.ts';
import { policyYearStart } from './policy-year.ts';
import { isStraightThrough, recommendationOf, straightThroughReason } from './recommend.ts';
import { validateClaim } from './validate-claim.ts';

// The claim assessment engine (docs/assessment.md): a pure function of its input that runs the
// stages in order — input shape, validation, completeness, duplicates, eligibility, cover /
// exclusions / waiting period / amounts / limits, deductible, co-payment — then recommends and
// explains. It never throws: any failure (including input that is not the contract's shape)
// becomes `refer` with reason `engine_error`. It reads no clock, does no I/O, and returns the same
// result for the same input.
//
// Decisions:
// - when validation fails, the lines are returned as submitted (a daily-benefit line at 0, since
//   its amount is not computed from unchecked data) with nothing eligible;
// - when eligibility denies, daily-benefit lines still show what was claimed (days × daily) so
//   the decision letter can state it; nothing is eligible;
// - a duplicate or a missing income refers the claim, but the amounts are still worked out for the
//   person who takes it over;
// - accumulator deltas are returned for whatever was worked out, omitting zero deltas; the caller
//   stores them only with a decision that pays (or, for `deductible_year`, that applies the
//   deductible). `limit_year`/`limit_lifetime` deltas are returned for every covered benefit with
//   an eligible amount, whether or not its cover has a limit today, so that a later product version
//   with a limit counts earlier payments; `deductible_year` only for a per-year deductible.

export function assessClaim(input: AssessmentInput): Assessment {
  try {
    return run(input);
  } catch (error) {
    return engineErrorAssessment(input, error);
  }
}

function run(input: AssessmentInput): Assessment {
  const product = compileProduct(input.product.config);
  const config = product.config;
  const days = checkInputShape(input, product.dailyBenefitCode);
  const { claim, policy, accumulators, language } = input;
  const lines = createLineWork(claim.lines, days.serviceDays, product.coverByCode, product.dailyBenefitCode);

  let claimReasons: Reason[] = validateClaim(claim, policy, days, lines);
  const validationFailed = claimReasons.length > 0;
  let missing: Missing = [];
  let riskFlags: Assessment['riskFlags'] = [];
  let duplicate = false;
  let eligibilityDenied = false;
  let incomeMissing = false;
  let deltas: AccumulatorDelta[] = [];

  if (!validationFailed) {
    computeDailySubmitted(lines, config.dailyBenefit, policy.declaredAnnualIncomeMinor);
    missing = checkCompleteness(lines, claim.documents);
    const duplicates = detectDuplicates(claim, days.incident, input.priorClaims);
    // (the findings' lists are shared when empty: the output keeps its own)
    if (duplicates.riskFlags.length > 0) riskFlags = duplicates.riskFlags;
    for (const r of duplicates.reasons) claimReasons = append(claimReasons, r);
    duplicate = duplicates.reasons.length > 0;
    const eligibility = checkEligibility(claim, policy, config, days);
    for (const r of eligibility.reasons) claimReasons = append(claimReasons, r);
    eligibilityDenied = eligibility.denied;

    if (!eligibilityDenied) {
      const periodStart = policyYearStart(policy.startsOn, claim.incidentDate);
      const adjudicated = adjudicateLines(lines, input, product, days, periodStart);
      incomeMissing = adjudicated.incomeMissing;
      const deductible = config.deductible;
      let deductibleTaken = 0;
      // The input's own key of the yearly deductible's counter, when it has one (reused as the delta's).
      let deductibleKey: string | undefined;
      if (deductible !== undefined) {
        let alreadyTaken = 0;
        if (deductible.per === 'year') {
          deductibleKey = findAccumulatorKey(
            accumulators,
            'deductible_year',
            policy.id,
            claim.insuredPersonId,
            null,
            periodStart,
          );
          if (deductibleKey !== undefined) alreadyTaken = accumulatorValue(accumulators, deductibleKey);
        }
        deductibleTaken = applyDeductible(lines, deductible, alreadyTaken);
      }
      applyCopayment(lines);

      deltas = accumulatorDeltas(
        adjudicated,
        deductible?.per === 'year' ? deductibleTaken : 0,
        deductibleKey,
        policy.id,
        claim.insuredPersonId,
        periodStart,
      );
    }
  }

  let submittedMinor = 0;
  let eligibleMinor = 0;
  let deductibleMinor = 0;
  let copayMinor = 0;
  let benefitMinor = 0;
  for (const w of lines) {
    submittedMinor += w.submittedMinor;
    eligibleMinor += w.eligibleMinor;
    deductibleMinor += w.deductibleMinor;
    copayMinor += w.copayMinor;
    benefitMinor += w.benefitMinor;
  }

  const recommendation = recommendationOf(
    validationFailed || duplicate || incomeMissing,
    eligibilityDenied,
    missing.length,
    benefitMinor,
    lines,
  );
  const straightThrough = straightThroughReason(
    recommendation,
    riskFlags.length,
    policy.premiumState,
    config.straightThroughLimitMinor,
    benefitMinor,
  );
  if (straightThrough !== null) claimReasons = append(claimReasons, straightThrough);

  const adjudications = lines.map(toAdjudication);
  return {
    engineVersion: ENGINE_VERSION,
    productVersionId: input.product.id,
    recommendation,
    currency: claim.currency,
    totals: { submittedMinor, eligibleMinor, deductibleMinor, copayMinor, benefitMinor },
    lines: adjudications,
    missing,
    riskFlags,
    // (the shared empty list of lists.ts while there are none: the output gets its own)
    reasons: claimReasons.length === 0 ? [] : claimReasons,
    explanation: explain(claimReasons, adjudications, language, claim.currency, product),
    accumulatorDeltas: deltas,
    straightThrough: isStraightThrough(straightThrough),
  };
}

/**
 * The accumulator deltas of a claim, omitting zero deltas (see the decisions above), in a list of
 * exactly their number: `limit_year` and `limit_lifetime` per benefit with an eligible amount, then
 * `deductible_year` (`deductibleTakenMinor` is 0 unless the deductible is per year), then
 * `benefit_days_year`. Keys the input already has (found when reading the counters) are reused.
 */
function accumulatorDeltas(
  adjudicated: LineAdjudicationResult,
  deductibleTakenMinor: number,
  deductibleKey: string | undefined,
  policyId: string,
  insuredPersonId: string,
  periodStart: string,
): AccumulatorDelta[] {
  const { benefits, daysBenefitCode, paidDays } = adjudicated;
  let count = deductibleTakenMinor > 0 ? 1 : 0;
  if (daysBenefitCode !== null && paidDays > 0) count++;
  for (const use of benefits) if (use.eligibleMinor > 0) count += 2;
  const deltas: AccumulatorDelta[] = new Array(count);
  if (count === 0) return deltas;
  const keys = new ClaimKeys(policyId, insuredPersonId, periodStart);
  let i = 0;
  for (const use of benefits) {
    if (use.eligibleMinor <= 0) continue;
    const { insuredPersonId, benefitCode, eligibleMinor } = use;
    deltas[i++] = {
      key: use.yearKey ?? keys.key('limit_year', insuredPersonId, benefitCode, true),
      amountMinor: eligibleMinor,
    };
    deltas[i++] = {
      key: use.lifetimeKey ?? keys.key('limit_lifetime', insuredPersonId, benefitCode, false),
      amountMinor: eligibleMinor,
    };
  }
  if (deductibleTakenMinor > 0) {
    const key = deductibleKey ?? keys.key('deductible_year', insuredPersonId, null, true);
    deltas[i++] = { key, amountMinor: deductibleTakenMinor };
  }
  if (daysBenefitCode !== null && paidDays > 0) {
    const key = keys.key('benefit_days_year', insuredPersonId, daysBenefitCode, true);
    deltas[i++] = { key, amountMinor: paidDays };
  }
  return deltas;
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The result for input the engine could not assess: refer, nothing payable, nothing accrued. */
function engineErrorAssessment(input: AssessmentInput, error: unknown): Assessment {
  const rawLanguage = attempt(() => input.language as unknown, undefined);
  const language: Language = rawLanguage === 'sv' || rawLanguage === 'it' ? rawLanguage : 'en';
  const currency = attempt(() => {
    const c = input.claim.currency as unknown;
    return typeof c === 'string' ? c : '';
  }, '');
  const productVersionId = attempt(() => {
    const id = input.product.id as unknown;
    return typeof id === 'string' ? id : '';
  }, '');
  const detail = attempt(() => (error instanceof Error ? error.message : String(error)), 'unknown error');
  const reason: Reason = { code: 'engine_error', clause: null, params: { detail } };
  return {
    engineVersion: ENGINE_VERSION,
    productVersionId,
    recommendation: 'refer',
    currency,
    totals: { submittedMinor: 0, eligibleMinor: 0, deductibleMinor: 0, copayMinor: 0, benefitMinor: 0 },
    lines: [],
    missing: [],
    riskFlags: [],
    reasons: [reason],
    explanation: [
      {
        code: 'engine_error',
        clause: null,
        text: renderReason(reason, language, currency, null),
        lineNo: null,
      },
    ],
    accumulatorDeltas: [],
    straightThrough: false,
  };
}
