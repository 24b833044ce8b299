import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copaymentMinor } from './apply-copayment.ts';
import { assessClaim } from './assess-claim.ts';
import { makeInput } from './test-fixtures.ts';

// Stages 10–11: copay = round((eligible − deductible) × share / 1000), ties rounded down.

describe('copaymentMinor rounding', () => {
  it.each([
    // base, share ‰, exact value, expected
    [10, 100, '1', 1],
    [5, 100, '0.5 (tie → down)', 0],
    [15, 100, '1.5 (tie → down)', 1],
    [25, 100, '2.5 (tie → down)', 2],
    [6, 100, '0.6', 1],
    [4, 100, '0.4', 0],
    [2, 250, '0.5 (tie → down)', 0],
    [6, 250, '1.5 (tie → down)', 1],
    [7, 250, '1.75', 2],
    [1, 200, '0.2', 0],
    [3, 200, '0.6', 1],
    [12_345, 200, '2469', 2_469],
    [12_347, 200, '2469.4', 2_469],
    [12_348, 200, '2469.6', 2_470],
    [1, 500, '0.5 (tie → down)', 0],
    [3, 500, '1.5 (tie → down)', 1],
    [1, 501, '0.501', 1],
    [999, 1000, 'everything', 999],
    [999, 0, 'nothing', 0],
    [0, 200, 'nothing', 0],
  ])('%i × %i ‰ = %s → %i', (base, share, _exact, expected) => {
    expect(copaymentMinor(base, share)).toBe(expected);
  });

  it('is exact beyond 2^53 and agrees with a BigInt reference everywhere', () => {
    const reference = (base: number, share: number) => {
      const n = BigInt(base) * BigInt(share);
      const q = n / 1000n;
      return Number(n % 1000n > 500n ? q + 1n : q);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 1000 }),
        (base, share) => {
          expect(copaymentMinor(base, share)).toBe(reference(base, share));
        },
      ),
    );
    expect(copaymentMinor(Number.MAX_SAFE_INTEGER, 999)).toBe(reference(Number.MAX_SAFE_INTEGER, 999));
  });
});

describe('co-payment on claims', () => {
  it('applies to the eligible amount after the deductible (Italian scoperto 20 %)', () => {
    // 1 000,00 € − franchigia 100,00 € = 900,00 €; scoperto 20 % = 180,00 €; paid 720,00 €
    const result = assessClaim(makeInput('health'));
    expect(result.lines[0]).toMatchObject({
      eligibleMinor: 100_000,
      deductibleMinor: 10_000,
      copayMinor: 18_000,
      benefitMinor: 72_000,
    });
    expect(result.lines[0]?.reasons[1]).toEqual({
      code: 'copayment_applied',
      clause: '§6.1',
      params: { sharePermille: 200, amountMinor: 18_000 },
    });
    expect(result.recommendation).toBe('approve'); // deductible and co-payment do not make a claim partial
  });

  it('rounds a tie in the customer’s favour on a claim', () => {
    // line 1 absorbs the 500 kr deductible; line 2 (lost luggage, 10 % co-payment) claims 15 öre:
    // 15 × 100 ‰ = 1.5 öre → 1 öre (tie rounded down)
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ amountMinor: 50_000 }, { benefitCode: 'LUGGAGE_LOSS', amountMinor: 15 }],
      }),
    );
    expect(result.lines[1]).toMatchObject({
      eligibleMinor: 15,
      deductibleMinor: 0,
      copayMinor: 1,
      benefitMinor: 14,
    });
  });

  it('no co-payment reason when it rounds to nothing', () => {
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ amountMinor: 50_000 }, { benefitCode: 'LUGGAGE_LOSS', amountMinor: 5 }],
      }),
    );
    expect(result.lines[1]).toMatchObject({ copayMinor: 0, benefitMinor: 5 });
    expect(result.lines[1]?.reasons.map((r) => r.code)).toEqual(['covered_in_full']);
  });

  it('a line paid in full with no other reason is covered in full', () => {
    const result = assessClaim(
      makeInput('travel', {
        lines: [{ amountMinor: 60_000 }, { benefitCode: 'LUGGAGE_DELAY', amountMinor: 30_000 }],
      }),
    );
    expect(result.lines[1]?.reasons).toEqual([
      { code: 'covered_in_full', clause: '§6.1', params: { benefitCode: 'LUGGAGE_DELAY' } },
    ]);
    expect(result.lines[0]?.reasons.map((r) => r.code)).toEqual(['deductible_applied']);
  });
});
