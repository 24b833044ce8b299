import { describe, expect, it } from 'vitest';
import { ProductConfigSchema } from '../products/product-config-schema.ts';
import { accumulatorKey } from './accumulator-keys.ts';
import { assessClaim } from './assess-claim.ts';
import type { AssessmentInput, LineAdjudication, ReasonCode } from './assessment-types.ts';
import { dailyAmountMinor } from './daily-benefit.ts';
import type { InputSpec, ProductName } from './test-fixtures.ts';
import { makeInput } from './test-fixtures.ts';

// Stages 5–8: cover, exclusions, waiting period, amounts (daily benefit) and limits.

const lineCodes = (l: LineAdjudication | undefined) => l?.reasons.map((r) => r.code) ?? [];
const key = (
  kind: 'limit_year' | 'limit_lifetime' | 'benefit_days_year' | 'deductible_year',
  benefitCode: string | null,
  periodStart: string | null,
  insuredPersonId: string | null = 'person-1',
) => accumulatorKey(kind, { policyId: 'policy-1', insuredPersonId, benefitCode, periodStart });

describe('cover, exclusions and waiting period', () => {
  it.each<[string, ProductName, InputSpec, ReasonCode | null]>([
    [
      'benefit the product does not cover',
      'travel',
      { lines: [{ benefitCode: 'PHARMACY' }] },
      'benefit_not_covered',
    ],
    [
      'war zone (country only) excludes any cover',
      'travel',
      { claim: { incidentCountry: 'AF' }, lines: [{ benefitCode: 'LUGGAGE_DELAY' }] },
      'excluded',
    ],
    ['country not in the list', 'travel', { claim: { incidentCountry: 'NO' } }, null],
    ['no incident country', 'travel', { claim: { incidentCountry: null } }, null],
    ['extreme sports + a benefit it names', 'travel', { claim: { cause: 'extreme_sports' } }, 'excluded'],
    [
      'extreme sports + a benefit it does not name',
      'travel',
      { claim: { cause: 'extreme_sports' }, lines: [{ benefitCode: 'LUGGAGE_DELAY' }] },
      null,
    ],
    ['another cause', 'travel', { claim: { cause: 'accident' } }, null],
    ['no cause', 'travel', { claim: { cause: null } }, null],
    ['pre-existing condition flagged', 'health', { claim: { preExistingCondition: true } }, 'excluded'],
    ['pre-existing condition not flagged', 'health', {}, null],
    [
      'waiting period: incident on day 13',
      'travel',
      {
        claim: { incidentDate: '2025-01-14', registeredOn: '2025-01-20' },
        lines: [{ benefitCode: 'TRIP_CANCELLATION', serviceDate: '2025-01-14' }],
      },
      'waiting_period',
    ],
    [
      'waiting period: incident on day 14 is covered',
      'travel',
      {
        claim: { incidentDate: '2025-01-15', registeredOn: '2025-01-20' },
        lines: [{ benefitCode: 'TRIP_CANCELLATION', serviceDate: '2025-01-15' }],
      },
      null,
    ],
    [
      'a cover without a waiting period pays from day 0',
      'travel',
      {
        claim: { incidentDate: '2025-01-01', registeredOn: '2025-01-20' },
        lines: [{ serviceDate: '2025-01-01' }],
      },
      null,
    ],
    [
      'an exclusion wins over the waiting period',
      'travel',
      {
        claim: { incidentDate: '2025-01-14', registeredOn: '2025-01-20', incidentCountry: 'SY' },
        lines: [{ benefitCode: 'TRIP_CANCELLATION', serviceDate: '2025-01-14' }],
      },
      'excluded',
    ],
  ])('%s', (_name, product, spec, expected) => {
    const result = assessClaim(makeInput(product, spec));
    const line = result.lines[0];
    if (expected === null) {
      expect(line?.eligibleMinor).toBe(line?.submittedMinor);
      expect(lineCodes(line)).not.toContain('excluded');
    } else {
      expect(lineCodes(line)).toEqual([expected]);
      expect(line).toMatchObject({ eligibleMinor: 0, deductibleMinor: 0, copayMinor: 0, benefitMinor: 0 });
      expect(result.recommendation).toBe('deny');
    }
  });

  it('the reasons carry what the text needs', () => {
    const waiting = assessClaim(
      makeInput('health', {
        claim: { incidentDate: '2024-08-27', registeredOn: '2024-09-01' },
        lines: [{ benefitCode: 'DENTAL', serviceDate: '2024-08-27' }],
      }),
    );
    expect(waiting.lines[0]?.reasons).toEqual([
      {
        code: 'waiting_period',
        clause: '§3.3.1',
        params: { days: 180, untilDate: '2024-08-28', benefitCode: 'DENTAL' },
      },
    ]);
    const excluded = assessClaim(makeInput('health', { claim: { preExistingCondition: true } }));
    expect(excluded.lines[0]?.reasons).toEqual([
      {
        code: 'excluded',
        clause: '§7.1',
        params: { exclusion: 'pre_existing', benefitCode: 'SPECIALIST_VISIT' },
      },
    ]);
  });

  it('an uncovered line next to a covered one makes the claim partial', () => {
    const result = assessClaim(
      makeInput('travel', { lines: [{}, { benefitCode: 'DENTAL', amountMinor: 5_000 }] }),
    );
    expect(result.recommendation).toBe('partial');
    expect(result.lines[1]?.reasons).toEqual([
      { code: 'benefit_not_covered', clause: null, params: { benefitCode: 'DENTAL' } },
    ]);
  });
});

describe('daily benefit', () => {
  it.each([
    // income × 800 ‰ / 365, rounded down, capped at 1 250 kr
    [36_500_000, 80_000],
    [456_250, 1_000], // exactly 1 000
    [456_249, 999], // 999.998… → 999
    [1, 0],
    [0, 0],
    [57_031_250, 125_000], // exactly the cap
    [100_000_000, 125_000], // above the cap
  ])('income %i → %i a day', (income, daily) => {
    expect(dailyAmountMinor(income, 800, 125_000)).toBe(daily);
    const result = assessClaim(makeInput('sickness', { policy: { declaredAnnualIncomeMinor: income } }));
    expect(result.lines[0]?.submittedMinor).toBe(10 * daily);
    expect(result.lines[0]?.eligibleMinor).toBe(9 * daily);
  });

  it('rounds down exactly beyond 2^53 (income × permille)', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(dailyAmountMinor(max, 1000, max)).toBe(Number(BigInt(max) / 365n));
    expect(dailyAmountMinor(max, 999, max)).toBe(Number((BigInt(max) * 999n) / 365_000n));
  });

  it('pays days × daily after the waiting day', () => {
    const result = assessClaim(makeInput('sickness', { lines: [{ days: 30 }] }));
    expect(result.lines[0]).toEqual({
      lineNo: 1,
      benefitCode: 'SICKNESS_DAILY',
      submittedMinor: 2_400_000,
      eligibleMinor: 2_320_000,
      deductibleMinor: 0,
      copayMinor: 0,
      benefitMinor: 2_320_000,
      reasons: [
        {
          code: 'daily_benefit_computed',
          clause: '§4.1',
          params: { days: 30, paidDays: 29, dailyMinor: 80_000 },
        },
        { code: 'daily_benefit_waiting_days', clause: '§4.1', params: { waitingDays: 1 } },
      ],
    });
    // The waiting day is an ordinary term (like a deductible), so the claim is approved.
    expect(result.recommendation).toBe('approve');
    expect(result.accumulatorDeltas).toContainEqual({
      key: key('benefit_days_year', 'SICKNESS_DAILY', '2025-01-01'),
      amountMinor: 29,
    });
  });

  it('a one-day period is all waiting day', () => {
    const result = assessClaim(makeInput('sickness', { lines: [{ days: 1 }] }));
    expect(result.lines[0]).toMatchObject({ submittedMinor: 80_000, eligibleMinor: 0 });
    expect(result.recommendation).toBe('deny');
    expect(result.accumulatorDeltas).toEqual([]);
  });

  it('caps paid days by the days left this policy year, across the claim’s lines', () => {
    const result = assessClaim(
      makeInput('sickness', {
        lines: [{ days: 5 }, { days: 6, serviceDate: '2025-03-10' }],
        accumulators: { [key('benefit_days_year', 'SICKNESS_DAILY', '2025-01-01')]: 357 },
      }),
    );
    expect(result.lines.map((l) => l.eligibleMinor)).toEqual([4 * 80_000, 3 * 80_000]);
    expect(lineCodes(result.lines[1])).toEqual([
      'daily_benefit_computed',
      'daily_benefit_waiting_days',
      'daily_benefit_max_days',
    ]);
    expect(result.lines[1]?.reasons[2]?.params).toEqual({ maxDays: 364, availableDays: 3 });
    expect(result.accumulatorDeltas).toContainEqual({
      key: key('benefit_days_year', 'SICKNESS_DAILY', '2025-01-01'),
      amountMinor: 7,
    });
  });

  it('pays nothing once the year’s days are used; a new policy year starts afresh', () => {
    const accumulators = { [key('benefit_days_year', 'SICKNESS_DAILY', '2025-01-01')]: 364 };
    const used = assessClaim(makeInput('sickness', { accumulators }));
    expect(used.totals.eligibleMinor).toBe(0);
    expect(used.recommendation).toBe('deny');
    const nextYear = assessClaim(
      makeInput('sickness', {
        accumulators,
        claim: { incidentDate: '2026-01-05', registeredOn: '2026-01-20' },
        lines: [{ serviceDate: '2026-01-05' }],
      }),
    );
    expect(nextYear.totals.eligibleMinor).toBe(9 * 80_000);
  });

  it('without a declared income the line is referred', () => {
    const result = assessClaim(makeInput('sickness', { policy: { declaredAnnualIncomeMinor: null } }));
    expect(result.recommendation).toBe('refer');
    expect(result.lines[0]).toMatchObject({
      submittedMinor: 0,
      eligibleMinor: 0,
      reasons: [{ code: 'income_missing', clause: '§4.1', params: {} }],
    });
  });
});

describe('limits', () => {
  it('per claim: over this claim’s lines of the benefit', () => {
    const result = assessClaim(
      makeInput('travel', {
        lines: [
          { benefitCode: 'LUGGAGE_DELAY', amountMinor: 150_000 },
          { benefitCode: 'LUGGAGE_DELAY', amountMinor: 150_000 },
          { benefitCode: 'LUGGAGE_DELAY', amountMinor: 10_000 },
        ],
      }),
    );
    expect(result.lines.map((l) => l.eligibleMinor)).toEqual([150_000, 50_000, 0]);
    expect(result.lines[1]?.reasons[0]).toEqual({
      code: 'limit_per_claim',
      clause: '§6.2',
      params: { limitMinor: 200_000, remainingMinor: 50_000 },
    });
    expect(result.lines[2]?.reasons[0]?.params).toEqual({ limitMinor: 200_000, remainingMinor: 0 });
  });

  it('per year: the accumulator plus this claim’s earlier lines', () => {
    const yearKey = key('limit_year', 'MEDICAL_EXPENSES', '2025-01-01');
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ amountMinor: 80_000 }, { amountMinor: 80_000 }],
        accumulators: { [yearKey]: 4_900_000 },
      }),
    );
    expect(result.lines.map((l) => l.eligibleMinor)).toEqual([80_000, 20_000]);
    expect(result.accumulatorDeltas).toEqual([
      { key: yearKey, amountMinor: 100_000 },
      { key: key('limit_lifetime', 'MEDICAL_EXPENSES', null), amountMinor: 100_000 },
    ]);
  });

  it('per year: only the policy year of the incident counts', () => {
    const accumulators = { [key('limit_year', 'SPECIALIST_VISIT', '2024-03-01')]: 150_000 };
    // the health policy starts 2024-03-01: 2025-02-28 is still in the first policy year
    const first = assessClaim(
      makeInput('health', {
        accumulators,
        claim: { incidentDate: '2025-02-28', registeredOn: '2025-03-05' },
        lines: [{ serviceDate: '2025-02-28' }],
      }),
    );
    expect(first.totals.eligibleMinor).toBe(0);
    expect(lineCodes(first.lines[0])).toEqual(['limit_per_year']);
    const second = assessClaim(
      makeInput('health', {
        accumulators,
        claim: { incidentDate: '2025-03-01', registeredOn: '2025-03-05' },
        lines: [{ serviceDate: '2025-03-01' }],
      }),
    );
    expect(second.totals.eligibleMinor).toBe(100_000);
  });

  it('per policy: the accumulator is keyed without the insured person', () => {
    const policyKey = key('limit_year', 'DIAGNOSTICS', '2025-03-01', null);
    const result = assessClaim(
      makeInput('health', {
        lines: [{ benefitCode: 'DIAGNOSTICS', amountMinor: 50_000 }],
        accumulators: { [policyKey]: 280_000, [key('limit_year', 'DIAGNOSTICS', '2025-03-01')]: 0 },
      }),
    );
    expect(result.lines[0]?.eligibleMinor).toBe(20_000);
    expect(result.accumulatorDeltas[0]).toEqual({ key: policyKey, amountMinor: 20_000 });
  });

  it('lifetime', () => {
    const lifetimeKey = key('limit_lifetime', 'DENTAL', null);
    const result = assessClaim(
      makeInput('health', {
        lines: [{ benefitCode: 'DENTAL', amountMinor: 100_000 }],
        accumulators: { [lifetimeKey]: 460_000 },
      }),
    );
    expect(result.lines[0]).toMatchObject({ submittedMinor: 100_000, eligibleMinor: 40_000 });
    expect(result.lines[0]?.reasons[0]).toEqual({
      code: 'limit_lifetime',
      clause: '§3.3.2',
      params: { limitMinor: 500_000, remainingMinor: 40_000 },
    });
  });

  it('applies the limits in order, each with its own reason', () => {
    const config = ProductConfigSchema.parse({
      covers: [
        {
          benefitCode: 'ALL_LIMITS',
          name: { sv: 'Alla tak', it: 'Tutti i massimali', en: 'All limits' },
          clause: '§1',
          limits: {
            perLineMinor: 900,
            perClaimMinor: 1_500,
            perYearMinor: 2_000,
            lifetimeMinor: 2_300,
            clause: '§1.1',
          },
        },
      ],
      premiumTerms: { graceDays: 0, lapseAfterDays: 0 },
    });
    const base = makeInput('travel', {
      lines: [
        { benefitCode: 'ALL_LIMITS', amountMinor: 1_000 },
        { benefitCode: 'ALL_LIMITS', amountMinor: 1_000 },
        { benefitCode: 'ALL_LIMITS', amountMinor: 1_000 },
      ],
      accumulators: {
        [key('limit_year', 'ALL_LIMITS', '2025-01-01')]: 700,
        [key('limit_lifetime', 'ALL_LIMITS', null)]: 1_200,
      },
    });
    const input: AssessmentInput = { ...base, product: { id: 'pv-x', version: 1, config } };
    const result = assessClaim(input);
    // line 1: 1 000 → 900 (per line); claim, year (1 300 left) and lifetime (1 100 left) allow it
    // line 2: 1 000 → 900 (per line) → 600 (per claim) → 400 (year) → 200 (lifetime)
    // line 3: 1 000 → 900 (per line) → 400 (per claim) → 200 (year) → 0 (lifetime)
    expect(result.lines.map((l) => l.eligibleMinor)).toEqual([900, 200, 0]);
    expect(result.lines.map(lineCodes)).toEqual([
      ['limit_per_line'],
      ['limit_per_line', 'limit_per_claim', 'limit_per_year', 'limit_lifetime'],
      ['limit_per_line', 'limit_per_claim', 'limit_per_year', 'limit_lifetime'],
    ]);
    expect(result.lines[2]?.reasons.map((r) => r.params.remainingMinor)).toEqual([undefined, 400, 200, 0]);
  });
});
