import { formatIsoDay } from '../../lib/day-number.ts';
import type { Exclusion } from '../products/product-config-schema.ts';
import type { AssessmentClaim, AssessmentInput } from './assessment-types.ts';
import {
  accumulatorValue,
  findAccumulatorKey,
  type InputDays,
  readAccumulator,
} from './check-input-shape.ts';
import type { CompiledProduct } from './compiled-product.ts';
import { addReason, type LineWork } from './line-work.ts';
import { append } from './lists.ts';

// Stages 5–8 — per line, in lineNo order: cover, exclusions, waiting period, amounts (daily
// benefit) and limits. Only runs when the claim passed validation and eligibility.
//
// - cover: a benefit the product does not cover → `benefit_not_covered`, eligible 0;
// - exclusions: the first exclusion (in configuration order) whose every named condition matches
//   → `excluded` (params.exclusion = its code, clause = its clause), eligible 0;
// - waiting period: incident date before startsOn + n days → `waiting_period`, eligible 0;
// - amounts: an ordinary line starts at its amount; a daily-benefit line without declared income
//   → `income_missing` (eligible 0, the claim is referred), otherwise paid days = days minus the
//   waiting days (`daily_benefit_waiting_days`), capped by the days left this policy year
//   (`daily_benefit_max_days`), eligible = paid days × daily (`daily_benefit_computed`);
// - limits, each cutting eligible with its own reason: per line, per claim (this claim's earlier
//   lines of the benefit), per policy year and lifetime (accumulator minus this claim's earlier
//   lines of the benefit).
//
// Decisions:
// - the first failing check among cover → exclusion → waiting period decides; a line gets one of
//   those reasons, not several;
// - each daily-benefit line is its own sickness period, so its first `waitingDays` days are unpaid,
//   unless it starts the day after the previous daily-benefit line ends (an extension);
// - days are counted per insured person, benefit and policy year (key `benefit_days_year`);
// - the policy year of every accumulator is the one containing the incident date;
// - limit reasons are added only when a limit actually cuts the amount (params: the limit and, for
//   per-claim/year/lifetime, what was left of it).

/** What this claim uses of one benefit's limits (for the accumulator deltas). */
export type BenefitUse = {
  benefitCode: string;
  /** The counters' insured person: null when the cover's limits count for the whole policy. */
  insuredPersonId: string | null;
  /** Eligible amount of this claim's lines of the benefit so far. */
  eligibleMinor: number;
  /** The accumulators' values before this claim, read on first need (-1 = not read yet). */
  yearUsedMinor: number;
  lifetimeUsedMinor: number;
  /**
   * The input's own accumulator keys found when reading them (undefined: not read, or absent): the
   * deltas reuse these strings instead of building equal ones.
   */
  yearKey: string | undefined;
  lifetimeKey: string | undefined;
};

export type LineAdjudicationResult = {
  incomeMissing: boolean;
  /** One entry per covered benefit with an eligible amount, in line order. */
  benefits: BenefitUse[];
  /** The daily benefit's code when its days counter was read (the `benefit_days_year` delta). */
  daysBenefitCode: string | null;
  paidDays: number;
};

export function findExclusion(
  exclusions: readonly Exclusion[],
  benefitCode: string,
  claim: AssessmentClaim,
): Exclusion | undefined {
  for (let i = 0; i < exclusions.length; i++) {
    const e = exclusions[i] as Exclusion;
    if (e.benefitCodes !== undefined && !e.benefitCodes.includes(benefitCode)) continue;
    if (e.causes !== undefined && (claim.cause === null || !e.causes.includes(claim.cause))) continue;
    if (
      e.countries !== undefined &&
      (claim.incidentCountry === null || !e.countries.includes(claim.incidentCountry))
    ) {
      continue;
    }
    if (e.preExistingCondition === true && !claim.preExistingCondition) continue;
    return e;
  }
  return undefined;
}

/**
 * Adjudicates the lines in place. `periodStart` is the first day of the policy year containing the
 * incident date (the policy year of every accumulator). The input's parts are passed as they are,
 * not gathered into a context object: this runs for every claim, and each object is garbage.
 */
export function adjudicateLines(
  lines: readonly LineWork[],
  input: AssessmentInput,
  product: CompiledProduct,
  days: InputDays,
  periodStart: string,
): LineAdjudicationResult {
  const { claim, policy, accumulators } = input;
  const incidentDay = days.incident;
  const startsOnDay = days.startsOn;
  const config = product.config;
  const exclusions = config.exclusions;
  const daily = config.dailyBenefit;
  const result: LineAdjudicationResult = {
    incomeMissing: false,
    benefits: [],
    daysBenefitCode: null,
    paidDays: 0,
  };
  let daysAvailable = -1; // days left this policy year, read lazily
  let previousDailyEndDay: number | null = null;

  for (const w of lines) {
    const cover = w.cover;
    if (cover === undefined) {
      addReason(w, {
        code: 'benefit_not_covered',
        clause: null,
        params: { benefitCode: w.line.benefitCode },
      });
      continue;
    }
    const exclusion =
      exclusions.length === 0 ? undefined : findExclusion(exclusions, cover.benefitCode, claim);
    if (exclusion !== undefined) {
      addReason(w, {
        code: 'excluded',
        clause: exclusion.clause,
        params: { exclusion: exclusion.code, benefitCode: cover.benefitCode },
      });
      continue;
    }
    const waiting = cover.waitingPeriod;
    if (waiting !== undefined && incidentDay < startsOnDay + waiting.days) {
      addReason(w, {
        code: 'waiting_period',
        clause: waiting.clause,
        params: {
          days: waiting.days,
          untilDate: formatIsoDay(startsOnDay + waiting.days),
          benefitCode: cover.benefitCode,
        },
      });
      continue;
    }

    let eligible: number;
    if (w.isDaily && daily !== undefined) {
      if (policy.declaredAnnualIncomeMinor === null) {
        addReason(w, { code: 'income_missing', clause: daily.clause, params: {} });
        result.incomeMissing = true;
        continue;
      }
      if (daysAvailable < 0) {
        result.daysBenefitCode = daily.benefitCode;
        const used = readAccumulator(
          accumulators,
          'benefit_days_year',
          policy.id,
          claim.insuredPersonId,
          daily.benefitCode,
          periodStart,
        );
        daysAvailable = Math.max(0, daily.maxDaysPerPeriod - used);
      }
      const days = w.line.days as number;
      // A line starting the day after the previous daily-benefit line ends is an extension of the
      // same sickness period (a follow-up certificate): the waiting days are not taken again.
      const continues = previousDailyEndDay !== null && w.serviceDay === previousDailyEndDay + 1;
      previousDailyEndDay = w.serviceDay + days - 1;
      const waitingDays = continues ? 0 : Math.min(daily.waitingDays, days);
      const remaining = days - waitingDays;
      const paidDays = Math.min(remaining, daysAvailable);
      const available = daysAvailable;
      daysAvailable -= paidDays;
      w.paidDays = paidDays;
      result.paidDays += paidDays;
      eligible = paidDays * w.dailyMinor;
      addReason(w, {
        code: 'daily_benefit_computed',
        clause: daily.clause,
        params: { days, paidDays, dailyMinor: w.dailyMinor },
      });
      w.ordinaryTermsMinor = waitingDays * w.dailyMinor;
      if (waitingDays > 0) {
        addReason(w, { code: 'daily_benefit_waiting_days', clause: daily.clause, params: { waitingDays } });
      }
      if (paidDays < remaining) {
        addReason(w, {
          code: 'daily_benefit_max_days',
          clause: daily.clause,
          params: { maxDays: daily.maxDaysPerPeriod, availableDays: available },
        });
      }
    } else {
      eligible = w.submittedMinor;
    }

    // A claim names a handful of benefits: a linear search of the uses so far (no Map per claim).
    let use: BenefitUse | undefined;
    const benefits = result.benefits;
    for (let i = 0; i < benefits.length; i++) {
      if ((benefits[i] as BenefitUse).benefitCode === cover.benefitCode) {
        use = benefits[i];
        break;
      }
    }
    if (use === undefined) {
      use = {
        benefitCode: cover.benefitCode,
        insuredPersonId: cover.limits?.per === 'policy' ? null : claim.insuredPersonId,
        eligibleMinor: 0,
        yearUsedMinor: -1,
        lifetimeUsedMinor: -1,
        yearKey: undefined,
        lifetimeKey: undefined,
      };
      result.benefits = append(benefits, use);
    }

    const limits = cover.limits;
    if (limits !== undefined && eligible > 0) {
      const clause = limits.clause;
      if (limits.perLineMinor !== undefined && eligible > limits.perLineMinor) {
        eligible = limits.perLineMinor;
        addReason(w, { code: 'limit_per_line', clause, params: { limitMinor: limits.perLineMinor } });
      }
      if (limits.perClaimMinor !== undefined) {
        const left = Math.max(0, limits.perClaimMinor - use.eligibleMinor);
        if (eligible > left) {
          eligible = left;
          addReason(w, {
            code: 'limit_per_claim',
            clause,
            params: { limitMinor: limits.perClaimMinor, remainingMinor: left },
          });
        }
      }
      if (limits.perYearMinor !== undefined) {
        // Read once per benefit (-1 = not read yet); later lines add this claim's own use.
        if (use.yearUsedMinor < 0) {
          use.yearKey = findAccumulatorKey(
            accumulators,
            'limit_year',
            policy.id,
            use.insuredPersonId,
            use.benefitCode,
            periodStart,
          );
          use.yearUsedMinor = use.yearKey === undefined ? 0 : accumulatorValue(accumulators, use.yearKey);
        }
        const used = use.yearUsedMinor + use.eligibleMinor;
        const left = Math.max(0, limits.perYearMinor - used);
        if (eligible > left) {
          eligible = left;
          addReason(w, {
            code: 'limit_per_year',
            clause,
            params: { limitMinor: limits.perYearMinor, remainingMinor: left },
          });
        }
      }
      if (limits.lifetimeMinor !== undefined) {
        if (use.lifetimeUsedMinor < 0) {
          use.lifetimeKey = findAccumulatorKey(
            accumulators,
            'limit_lifetime',
            policy.id,
            use.insuredPersonId,
            use.benefitCode,
            null,
          );
          use.lifetimeUsedMinor =
            use.lifetimeKey === undefined ? 0 : accumulatorValue(accumulators, use.lifetimeKey);
        }
        const used = use.lifetimeUsedMinor + use.eligibleMinor;
        const left = Math.max(0, limits.lifetimeMinor - used);
        if (eligible > left) {
          eligible = left;
          addReason(w, {
            code: 'limit_lifetime',
            clause,
            params: { limitMinor: limits.lifetimeMinor, remainingMinor: left },
          });
        }
      }
    }
    w.eligibleMinor = eligible;
    use.eligibleMinor += eligible;
  }
  return result;
}
