import { describe, expect, it } from 'vitest';
import { accumulatorKey } from './accumulator-keys.ts';
import { assessClaim } from './assess-claim.ts';
import { makeInput } from './test-fixtures.ts';

// Stage 9: the travel product has 500 kr per claim; the health product 100 € per insured person
// and policy year (a "franchigia" in Italian terms).

const deductibleYear = (periodStart: string) =>
  accumulatorKey('deductible_year', {
    policyId: 'policy-1',
    insuredPersonId: 'person-1',
    benefitCode: null,
    periodStart,
  });

describe('deductible per claim', () => {
  it('is taken from the eligible amounts in line order', () => {
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ amountMinor: 30_000 }, { amountMinor: 40_000 }, { amountMinor: 50_000 }],
      }),
    );
    expect(result.lines.map((l) => l.deductibleMinor)).toEqual([30_000, 20_000, 0]);
    expect(result.lines.map((l) => l.benefitMinor)).toEqual([0, 20_000, 50_000]);
    expect(result.lines[1]?.reasons).toEqual([
      {
        code: 'deductible_applied',
        clause: '§3.1',
        params: { amountMinor: 20_000, deductibleMinor: 50_000, per: 'claim' },
      },
    ]);
    expect(result.totals).toEqual({
      submittedMinor: 120_000,
      eligibleMinor: 120_000,
      deductibleMinor: 50_000,
      copayMinor: 0,
      benefitMinor: 70_000,
    });
    // a per-claim deductible is not accumulated
    expect(result.accumulatorDeltas.some((d) => d.key.startsWith('deductible_year'))).toBe(false);
  });

  it('skips lines with nothing eligible', () => {
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ benefitCode: 'DENTAL', amountMinor: 9_000 }, { amountMinor: 80_000 }],
      }),
    );
    expect(result.lines.map((l) => l.deductibleMinor)).toEqual([0, 50_000]);
  });

  it('taking everything leaves nothing payable → deny', () => {
    const result = assessClaim(makeInput('travel', { lines: [{ amountMinor: 50_000 }] }));
    expect(result.totals.benefitMinor).toBe(0);
    expect(result.recommendation).toBe('deny');
    // the eligible amount still counts against the limits
    expect(result.accumulatorDeltas[0]?.amountMinor).toBe(50_000);
  });
});

describe('deductible per year', () => {
  it('takes the full deductible on the first claim of the year', () => {
    const result = assessClaim(makeInput('health'));
    expect(result.lines[0]?.deductibleMinor).toBe(10_000);
    expect(result.accumulatorDeltas).toContainEqual({
      key: deductibleYear('2025-03-01'),
      amountMinor: 10_000,
    });
  });

  it('takes only what is left of it this policy year', () => {
    const result = assessClaim(
      makeInput('health', { accumulators: { [deductibleYear('2025-03-01')]: 7_500 } }),
    );
    expect(result.lines[0]?.deductibleMinor).toBe(2_500);
    expect(result.accumulatorDeltas).toContainEqual({
      key: deductibleYear('2025-03-01'),
      amountMinor: 2_500,
    });
  });

  it('takes nothing once the year’s deductible is used', () => {
    const result = assessClaim(
      makeInput('health', { accumulators: { [deductibleYear('2025-03-01')]: 10_000 } }),
    );
    expect(result.lines[0]?.deductibleMinor).toBe(0);
    expect(result.lines[0]?.reasons.map((r) => r.code)).toEqual(['copayment_applied']);
    expect(result.accumulatorDeltas.some((d) => d.key.startsWith('deductible_year'))).toBe(false);
  });

  it('last year’s deductible does not count', () => {
    const result = assessClaim(
      makeInput('health', { accumulators: { [deductibleYear('2024-03-01')]: 10_000 } }),
    );
    expect(result.lines[0]?.deductibleMinor).toBe(10_000);
  });

  it('is kept per insured person', () => {
    const other = accumulatorKey('deductible_year', {
      policyId: 'policy-1',
      insuredPersonId: 'person-2',
      benefitCode: null,
      periodStart: '2025-03-01',
    });
    const result = assessClaim(makeInput('health', { accumulators: { [other]: 10_000 } }));
    expect(result.lines[0]?.deductibleMinor).toBe(10_000);
  });
});
