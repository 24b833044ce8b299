import { describe, expect, it } from 'vitest';
import type { Recommendation } from './assessment-types.ts';
import type { LineWork } from './line-work.ts';
import type { RecommendationFacts } from './recommend.ts';
import { recommend } from './recommend.ts';

// The recommendation's precedence (first match wins) and the straight-through rule.

const line = (submittedMinor: number, eligibleMinor: number) =>
  ({ submittedMinor, eligibleMinor, ordinaryTermsMinor: 0 }) as LineWork;

const clean: RecommendationFacts = {
  validationFailed: false,
  duplicate: false,
  incomeMissing: false,
  eligibilityDenied: false,
  missingCount: 0,
  riskFlagCount: 0,
  totalBenefitMinor: 1_000,
  lines: [line(1_000, 1_000)],
  premiumState: 'paid',
  straightThroughLimitMinor: 5_000,
};

describe('recommend', () => {
  it.each<[string, Partial<RecommendationFacts>, Recommendation]>([
    ['clean', {}, 'approve'],
    [
      'validation failed beats everything',
      { validationFailed: true, eligibilityDenied: true, missingCount: 2 },
      'refer',
    ],
    ['duplicate', { duplicate: true, eligibilityDenied: true }, 'refer'],
    ['income missing', { incomeMissing: true, missingCount: 1 }, 'refer'],
    ['eligibility denied beats missing documents', { eligibilityDenied: true, missingCount: 1 }, 'deny'],
    [
      'missing documents beat nothing payable',
      { missingCount: 1, totalBenefitMinor: 0 },
      'request_information',
    ],
    ['nothing payable', { totalBenefitMinor: 0 }, 'deny'],
    ['a line cut', { lines: [line(1_000, 1_000), line(500, 499)] }, 'partial'],
    [
      'deductible/co-payment only (eligible = submitted)',
      { totalBenefitMinor: 10, lines: [line(1_000, 1_000)] },
      'approve',
    ],
  ])('%s → %s', (_name, facts, expected) => {
    expect(recommend({ ...clean, ...facts }).recommendation).toBe(expected);
  });

  it.each<[string, Partial<RecommendationFacts>, boolean, string | null]>([
    ['at the limit', { totalBenefitMinor: 5_000 }, true, 'straight_through'],
    ['above the limit', { totalBenefitMinor: 5_001 }, false, 'above_straight_through_limit'],
    ['a risk flag', { riskFlagCount: 1 }, false, null],
    ['grace period', { premiumState: 'grace_period' }, false, null],
    ['no limit configured', { straightThroughLimitMinor: undefined }, false, null],
    ['a limit of 0', { straightThroughLimitMinor: 0 }, false, 'above_straight_through_limit'],
    ['partial', { lines: [line(1_000, 900)], totalBenefitMinor: 900 }, false, null],
    ['request information', { missingCount: 1 }, false, null],
  ])('straight-through: %s', (_name, facts, straightThrough, reason) => {
    const result = recommend({ ...clean, ...facts });
    expect(result.straightThrough).toBe(straightThrough);
    expect(result.reason?.code ?? null).toBe(reason);
  });
});
