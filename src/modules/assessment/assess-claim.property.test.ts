import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../lib/day-number.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import { parseAccumulatorKey } from './accumulator-keys.ts';
import { assessClaim } from './assess-claim.ts';
import type { Assessment, AssessmentClaimLine, AssessmentInput } from './assessment-types.ts';
import type { ProductName } from './test-fixtures.ts';
import { DEFAULTS, makeInput, PRODUCTS } from './test-fixtures.ts';

// Properties of the engine for arbitrary claims against the three fixture products.

const PRODUCT_NAMES: ProductName[] = ['travel', 'health', 'sickness'];
const plusDays = (iso: string, days: number) => formatIsoDay(parseIsoDay(iso) + days);

function benefitCodes(name: ProductName): string[] {
  return [...PRODUCTS[name].config.covers.map((c) => c.benefitCode), 'NOT_A_COVER'];
}

type LineSeed = {
  benefit: number;
  amountMinor: number;
  serviceOffset: number;
  days: number;
  provider: string | null;
};

const lineSeed = fc.record({
  benefit: fc.nat(),
  amountMinor: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 3_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 16) }) },
  ),
  serviceOffset: fc.integer({ min: 0, max: 20 }),
  days: fc.integer({ min: 1, max: 120 }),
  provider: fc.constantFrom('Provider AB', 'Clinica Roma', null),
});

const claimSeed = fc.record({
  product: fc.constantFrom(...PRODUCT_NAMES),
  lines: fc.array(lineSeed, { minLength: 1, maxLength: 5 }),
  incidentOffset: fc.integer({ min: -20, max: 760 }), // days from the policy start
  premiumState: fc.constantFrom('paid', 'paid', 'paid', 'grace_period', 'overdue', 'lapsed'),
  status: fc.constantFrom('active', 'active', 'active', 'cancelled', 'expired'),
  cause: fc.constantFrom('illness', 'accident', 'extreme_sports', null),
  country: fc.constantFrom('SE', 'IT', 'ES', 'SY', null),
  preExisting: fc.boolean(),
  documents: fc.subarray([...DOCUMENT_KINDS]),
  allDocuments: fc.boolean(),
  income: fc.option(fc.integer({ min: 0, max: 200_000_000 }), { freq: 5 }),
  language: fc.constantFrom('sv', 'it', 'en'),
});

type ClaimSeed = typeof claimSeed extends fc.Arbitrary<infer T> ? T : never;

function build(seed: ClaimSeed, id = 'claim-1'): AssessmentInput {
  const d = DEFAULTS[seed.product];
  const codes = benefitCodes(seed.product);
  const incidentDate = plusDays(d.startsOn, seed.incidentOffset);
  const lines: Partial<AssessmentClaimLine>[] = seed.lines.map((l: LineSeed) => ({
    benefitCode: codes[l.benefit % codes.length],
    amountMinor: l.amountMinor,
    serviceDate: plusDays(incidentDate, l.serviceOffset),
    days: l.days,
    provider: l.provider,
  }));
  const input = makeInput(seed.product, {
    lines,
    claim: {
      id,
      incidentDate,
      registeredOn: plusDays(incidentDate, 30),
      cause: seed.cause,
      incidentCountry: seed.country,
      preExistingCondition: seed.preExisting,
      documents: seed.allDocuments ? [...DOCUMENT_KINDS] : seed.documents,
    },
    policy: {
      premiumState: seed.premiumState as AssessmentInput['policy']['premiumState'],
      status: seed.status as AssessmentInput['policy']['status'],
      declaredAnnualIncomeMinor: seed.product === 'sickness' ? seed.income : null,
    },
    language: seed.language as AssessmentInput['language'],
  });
  return input;
}

function checkAmounts(result: Assessment): void {
  const amounts = (o: {
    submittedMinor: number;
    eligibleMinor: number;
    deductibleMinor: number;
    copayMinor: number;
    benefitMinor: number;
  }) => [o.submittedMinor, o.eligibleMinor, o.deductibleMinor, o.copayMinor, o.benefitMinor];
  let sums = [0, 0, 0, 0, 0];
  for (const line of result.lines) {
    for (const a of amounts(line)) {
      expect(Number.isSafeInteger(a)).toBe(true);
      expect(a).toBeGreaterThanOrEqual(0);
    }
    expect(line.benefitMinor).toBeLessThanOrEqual(line.submittedMinor);
    expect(line.eligibleMinor).toBeLessThanOrEqual(line.submittedMinor);
    expect(line.eligibleMinor - line.deductibleMinor - line.copayMinor).toBe(line.benefitMinor);
    sums = sums.map((s, i) => s + (amounts(line)[i] as number));
  }
  expect(amounts(result.totals)).toEqual(sums);
  expect(result.totals.benefitMinor).toBeLessThanOrEqual(result.totals.submittedMinor);
  for (const d of result.accumulatorDeltas) {
    expect(Number.isSafeInteger(d.amountMinor)).toBe(true);
    expect(d.amountMinor).toBeGreaterThan(0);
  }
  expect(result.explanation.length).toBe(
    result.reasons.length + result.lines.reduce((n, l) => n + l.reasons.length, 0),
  );
  for (const e of result.explanation) expect(e.text.length).toBeGreaterThan(0);
}

describe('assessClaim properties', () => {
  it('amounts: benefit ≤ submitted, all ≥ 0 and safe integers, eligible − deductible − copay = benefit', () => {
    fc.assert(
      fc.property(claimSeed, (seed) => {
        const result = assessClaim(build(seed));
        expect(result.reasons.map((r) => r.code)).not.toContain('engine_error');
        checkAmounts(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('a lapsed or overdue (or otherwise ineligible) policy never pays', () => {
    fc.assert(
      fc.property(claimSeed, fc.constantFrom('overdue', 'lapsed'), (seed, premiumState) => {
        const result = assessClaim(build({ ...seed, premiumState }));
        expect(result.totals.benefitMinor).toBe(0);
        expect(result.totals.eligibleMinor).toBe(0);
        expect(['deny', 'refer']).toContain(result.recommendation);
        expect(result.straightThrough).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(claimSeed, (seed) => {
        const result = assessClaim(build(seed));
        const ineligible = result.reasons.some((r) =>
          ['policy_not_in_force', 'policy_cancelled', 'premium_overdue', 'policy_lapsed'].includes(r.code),
        );
        if (ineligible) expect(result.totals.benefitMinor).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('the same input gives a deep-equal result', () => {
    fc.assert(
      fc.property(claimSeed, (seed) => {
        const input = build(seed);
        expect(assessClaim(structuredClone(input))).toEqual(assessClaim(input));
      }),
      { numRuns: 300 },
    );
  });

  it('limits hold whatever order the claims of a policy arrive in', () => {
    const scenario = fc.record({
      product: fc.constantFrom(...PRODUCT_NAMES),
      claims: fc.array(claimSeed, { minLength: 2, maxLength: 8 }),
      order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(scenario, ({ product, claims, order }) => {
        // the same policy and insured person, clean claims so that most are paid
        const inputs = claims.map((c, i) =>
          build(
            {
              ...c,
              product,
              premiumState: 'paid',
              status: 'active',
              allDocuments: true,
              income: c.income ?? 36_500_000,
              incidentOffset: Math.max(0, c.incidentOffset),
            },
            `claim-${i}`,
          ),
        );
        // a random permutation (Fisher–Yates driven by `order`)
        const permutation = inputs.map((_, i) => i);
        for (let i = permutation.length - 1; i > 0; i--) {
          const j = (order[i] ?? 0) % (i + 1);
          [permutation[i], permutation[j]] = [permutation[j] as number, permutation[i] as number];
        }
        const stored: Record<string, number> = {};
        for (const index of permutation) {
          const input = { ...(inputs[index] as AssessmentInput), accumulators: { ...stored } };
          const result = assessClaim(input);
          checkAmounts(result);
          if (result.recommendation !== 'approve' && result.recommendation !== 'partial') continue;
          for (const delta of result.accumulatorDeltas)
            stored[delta.key] = (stored[delta.key] ?? 0) + delta.amountMinor;
        }
        const config = PRODUCTS[product].config;
        for (const [key, used] of Object.entries(stored)) {
          const k = parseAccumulatorKey(key);
          if (k.kind === 'deductible_year') {
            expect(used).toBeLessThanOrEqual(config.deductible?.amountMinor ?? 0);
            continue;
          }
          if (k.kind === 'benefit_days_year') {
            expect(used).toBeLessThanOrEqual(config.dailyBenefit?.maxDaysPerPeriod ?? 0);
            continue;
          }
          const limits = config.covers.find((c) => c.benefitCode === k.benefitCode)?.limits;
          if (k.kind === 'limit_year' && limits?.perYearMinor !== undefined) {
            expect(used).toBeLessThanOrEqual(limits.perYearMinor);
          }
          if (k.kind === 'limit_lifetime' && limits?.lifetimeMinor !== undefined) {
            expect(used).toBeLessThanOrEqual(limits.lifetimeMinor);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('assessClaim on garbage', () => {
  type Field = {
    name: string;
    set: (input: AssessmentInput, v: unknown) => unknown;
    valid: (v: unknown) => boolean;
  };
  const isDate = (v: unknown) => !Number.isNaN(parseIsoDay(v));
  const claim = (i: AssessmentInput, patch: Record<string, unknown>) => ({
    ...i,
    claim: { ...i.claim, ...patch },
  });
  const line = (i: AssessmentInput, patch: Record<string, unknown>) =>
    claim(i, { lines: [{ ...i.claim.lines[0], ...patch }] });
  const FIELDS: Field[] = [
    { name: 'input', set: (_i, v) => v, valid: () => false },
    { name: 'claim', set: (i, v) => ({ ...i, claim: v }), valid: () => false },
    { name: 'policy', set: (i, v) => ({ ...i, policy: v }), valid: () => false },
    { name: 'product', set: (i, v) => ({ ...i, product: v }), valid: () => false },
    { name: 'claim.lines', set: (i, v) => claim(i, { lines: v }), valid: () => false },
    {
      name: 'claim.totalClaimedMinor',
      set: (i, v) => claim(i, { totalClaimedMinor: v }),
      valid: (v) => v === 100_000,
    },
    { name: 'claim.incidentDate', set: (i, v) => claim(i, { incidentDate: v }), valid: isDate },
    { name: 'claim.registeredOn', set: (i, v) => claim(i, { registeredOn: v }), valid: isDate },
    { name: 'claim.insuredBirthDate', set: (i, v) => claim(i, { insuredBirthDate: v }), valid: isDate },
    { name: 'claim.currency', set: (i, v) => claim(i, { currency: v }), valid: (v) => v === 'SEK' },
    {
      name: 'claim.cause',
      set: (i, v) => claim(i, { cause: v }),
      valid: (v) => v === null || typeof v === 'string',
    },
    {
      name: 'claim.preExistingCondition',
      set: (i, v) => claim(i, { preExistingCondition: v }),
      valid: (v) => typeof v === 'boolean',
    },
    {
      name: 'claim.documents',
      set: (i, v) => claim(i, { documents: v }),
      valid: (v) => Array.isArray(v) && v.every((d) => typeof d === 'string'),
    },
    { name: 'line.amountMinor', set: (i, v) => line(i, { amountMinor: v }), valid: (v) => v === 100_000 },
    { name: 'line.serviceDate', set: (i, v) => line(i, { serviceDate: v }), valid: isDate },
    { name: 'line.lineNo', set: (i, v) => line(i, { lineNo: v }), valid: (v) => Number.isSafeInteger(v) },
    {
      name: 'line.benefitCode',
      set: (i, v) => line(i, { benefitCode: v }),
      valid: (v) => typeof v === 'string',
    },
    {
      name: 'policy.premiumState',
      set: (i, v) => ({ ...i, policy: { ...i.policy, premiumState: v } }),
      valid: (v) => v === 'paid' || v === 'grace_period',
    },
    {
      name: 'policy.startsOn',
      set: (i, v) => ({ ...i, policy: { ...i.policy, startsOn: v } }),
      valid: isDate,
    },
    {
      name: 'accumulators',
      set: (i, v) => ({ ...i, accumulators: v }),
      valid: (v) => typeof v === 'object' && v !== null,
    },
    {
      name: 'priorClaims',
      set: (i, v) => ({ ...i, priorClaims: v }),
      valid: (v) => Array.isArray(v) && v.length === 0,
    },
    {
      name: 'language',
      set: (i, v) => ({ ...i, language: v }),
      valid: (v) => v === 'sv' || v === 'it' || v === 'en',
    },
  ];

  it('never throws; input that breaks the contract is referred', () => {
    const base = makeInput('travel', { lines: [{ amountMinor: 100_000 }] });
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.anything({ withBoxedValues: true, withNullPrototype: true }),
        (field, value) => {
          const garbage = field.set(base, value) as AssessmentInput;
          let result: Assessment | undefined;
          expect(() => {
            result = assessClaim(garbage);
          }).not.toThrow();
          if (result === undefined) return;
          if (!field.valid(value)) {
            expect(result.recommendation).toBe('refer');
            expect(result.totals.benefitMinor).toBe(0);
            expect(result.accumulatorDeltas).toEqual([]);
          }
          expect(result.explanation.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('NaN and infinite amounts, missing lines → refer', () => {
    const base = makeInput('health');
    for (const amountMinor of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0.5,
      2 ** 53,
    ]) {
      const input = {
        ...base,
        claim: { ...base.claim, lines: [{ ...base.claim.lines[0], amountMinor }] },
      } as AssessmentInput;
      expect(assessClaim(input).recommendation).toBe('refer');
    }
    const { lines: _dropped, ...withoutLines } = base.claim;
    expect(assessClaim({ ...base, claim: withoutLines } as unknown as AssessmentInput).recommendation).toBe(
      'refer',
    );
  });
});
