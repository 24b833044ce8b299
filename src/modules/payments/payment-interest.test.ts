import { describe, expect, it } from 'vitest';
import { computeLateInterest, daysLate } from './payment-interest.ts';

const rates = [
  { from: '2025-01-01', ratePercent: 2.5 },
  { from: '2025-07-01', ratePercent: 2 },
  { from: '2026-01-01', ratePercent: 2 },
];

describe('computeLateInterest (räntelagen 6 §)', () => {
  it('counts from the day after the legal date to the execution date inclusive', () => {
    // Due 15 March, paid 20 March: 16–20 March = 5 days at 2 % + 8 points = 10 %.
    // 10 000.00 SEK × 10 % × 5 / 365 = 13.6986… → 13.70 SEK.
    const r = computeLateInterest({
      principalMinor: 1_000_000,
      legalDueDate: '2026-03-15',
      executionDate: '2026-03-20',
      rates,
    });
    expect(r.interestMinor).toBe(1_370);
    expect(r.interest).toMatchObject({
      fromDate: '2026-03-16',
      toDate: '2026-03-20',
      marginPercentagePoints: 8,
    });
    expect(daysLate(r.interest ?? ({ periods: [] } as never))).toBe(5);
  });
  it('splits the period at the half-year and uses each half-year’s rate', () => {
    // 26–30 June 2025 at 10.5 %, 1–5 July at 10 %: 10 000 × (5×10.5 + 5×10) / 36 500 = 28.082… SEK.
    const r = computeLateInterest({
      principalMinor: 1_000_000,
      legalDueDate: '2025-06-25',
      executionDate: '2025-07-05',
      rates,
    });
    expect(r.interestMinor).toBe(2_808);
    expect(r.interest?.periods).toEqual([
      { from: '2025-06-26', to: '2025-07-01', days: 5, annualRatePercent: 10.5 },
      { from: '2025-07-01', to: '2025-07-06', days: 5, annualRatePercent: 10 },
    ]);
  });
  it('owes nothing when paid on or before the legal date, or when no legal date applies', () => {
    expect(
      computeLateInterest({
        principalMinor: 1_000_000,
        legalDueDate: '2026-03-20',
        executionDate: '2026-03-20',
        rates,
      }),
    ).toMatchObject({ interestMinor: 0, interest: null, legalDueDate: '2026-03-20', rateMissing: false });
    expect(
      computeLateInterest({
        principalMinor: 1_000_000,
        legalDueDate: null,
        executionDate: '2026-03-20',
        rates,
      }),
    ).toMatchObject({ interestMinor: 0, legalDueDate: null });
  });
  it('reports a missing half-year instead of guessing a rate', () => {
    const r = computeLateInterest({
      principalMinor: 1_000_000,
      legalDueDate: '2026-12-20',
      executionDate: '2027-01-10',
      rates,
    });
    expect(r).toMatchObject({
      rateMissing: true,
      interestMinor: 0,
      interest: null,
      legalDueDate: '2026-12-20',
    });
  });
});
