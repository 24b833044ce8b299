import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lateInterestMinor, type ReferenceRate, SWEDISH_REFERENCE_RATES } from './late-interest.ts';

// A test-local rate table, so that these tests do not depend on the shipped (to be verified) values.
const RATES: readonly ReferenceRate[] = [
  { from: '2023-07-01', ratePercent: 3.5 },
  { from: '2024-01-01', ratePercent: 4 },
  { from: '2024-07-01', ratePercent: 3.75 },
  { from: '2025-01-01', ratePercent: 2.5 },
  { from: '2025-07-01', ratePercent: 2 },
];

const interest = (principalMinor: bigint, fromDate: string, toDate: string, margin?: number) =>
  lateInterestMinor({
    principalMinor,
    fromDate,
    toDate,
    referenceRates: RATES,
    marginPercentagePoints: margin,
  });

describe('lateInterestMinor', () => {
  it('splits at the 1 July rate change and rounds once', () => {
    // 100 000.00 kr, 10 days at 12 % and 10 days at 11.75 %: 10 000 000 × 23 750 / 3 650 000 = 65 068.49…
    const r = interest(10_000_000n, '2024-06-21', '2024-07-11');
    expect(r.periods).toEqual([
      { from: '2024-06-21', to: '2024-07-01', days: 10, annualRatePercent: 12 },
      { from: '2024-07-01', to: '2024-07-11', days: 10, annualRatePercent: 11.75 },
    ]);
    expect(r.interestMinor).toBe(65_068n);
  });

  it.each([
    ['exactly half rounds up', 1825n, 1n],
    ['just under half rounds down', 1824n, 0n],
    ['one and a half rounds up', 5475n, 2n],
  ])('%s', (_name, principal, expected) => {
    // 10 % (2 + 8) for one day: principal / 3650.
    expect(interest(principal, '2025-08-01', '2025-08-02').interestMinor).toBe(expected);
  });

  it('uses 365 days also in a leap year', () => {
    // 366 days: 182 at 12 % and 184 at 11.75 %.
    const r = interest(1_000_000n, '2024-01-01', '2025-01-01');
    expect(r.periods.map((p) => p.days)).toEqual([182, 184]);
    expect(r.interestMinor).toBe((1_000_000n * (182n * 1200n + 184n * 1175n) * 2n + 3_650_000n) / 7_300_000n);
  });

  it('is zero for an empty period and takes another margin', () => {
    expect(interest(1_000_000n, '2025-03-01', '2025-03-01')).toEqual({ interestMinor: 0n, periods: [] });
    expect(interest(3_650_000n, '2025-08-01', '2025-08-02', 0).interestMinor).toBe(200n);
  });

  it.each([
    [
      'a half-year without a rate',
      () => interest(1n, '2025-12-31', '2026-01-02'),
      /half-year starting 2026-01-01/,
    ],
    ['toDate before fromDate', () => interest(1n, '2025-03-02', '2025-03-01'), /before/],
    ['a negative principal', () => interest(-1n, '2025-03-01', '2025-03-02'), /negative/],
    ['a bad date', () => interest(1n, '2025-02-30', '2025-03-02'), /YYYY-MM-DD/],
    ['a rate with three decimals', () => interest(1n, '2025-08-01', '2025-08-02', 8.125), /two decimals/],
    [
      'a rate that does not start a half-year',
      () =>
        lateInterestMinor({
          principalMinor: 1n,
          fromDate: '2025-03-01',
          toDate: '2025-03-02',
          referenceRates: [{ from: '2025-02-01', ratePercent: 1 }],
        }),
      /1 Jan or 1 Jul/,
    ],
  ])('throws for %s', (_name, run, message) => {
    expect(run).toThrow(message);
  });

  it('ships a gap-free half-yearly reference rate table', () => {
    SWEDISH_REFERENCE_RATES.forEach((r, i) => {
      expect(r.from).toMatch(/^\d{4}-(01|07)-01$/);
      const prev = SWEDISH_REFERENCE_RATES[i - 1];
      if (prev) {
        const [y, m] = prev.from.split('-').map(Number) as [number, number];
        expect(r.from).toBe(m === 1 ? `${y}-07-01` : `${y + 1}-01-01`);
      }
    });
    const r = lateInterestMinor({
      principalMinor: 100_000n,
      fromDate: SWEDISH_REFERENCE_RATES[0]?.from as string,
      toDate: '2025-12-31',
      referenceRates: SWEDISH_REFERENCE_RATES,
    });
    expect(r.periods).toHaveLength(SWEDISH_REFERENCE_RATES.length);
  });
});

describe('lateInterestMinor properties', () => {
  const day = fc
    .integer({ min: 0, max: 900 })
    .map((n) => new Date(Date.UTC(2023, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const principal = fc.bigInt({ min: 0n, max: 10n ** 15n });

  it('is non-negative, zero for an empty period and monotone in days and principal', () => {
    fc.assert(
      fc.property(principal, principal, day, day, day, (p1, p2, a, b, c) => {
        const [from, mid, to] = [a, b, c].sort();
        const [small, big] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const short = interest(small, from as string, mid as string).interestMinor;
        expect(short >= 0n).toBe(true);
        expect(interest(small, from as string, from as string).interestMinor).toBe(0n);
        expect(interest(small, from as string, to as string).interestMinor >= short).toBe(true);
        expect(interest(big, from as string, mid as string).interestMinor >= short).toBe(true);
      }),
    );
  });

  it('differs from the sum of its parts by rounding only', () => {
    fc.assert(
      fc.property(principal, day, day, day, (p, a, b, c) => {
        const [from, mid, to] = [a, b, c].sort() as [string, string, string];
        const whole = interest(p, from, to).interestMinor;
        const parts = interest(p, from, mid).interestMinor + interest(p, mid, to).interestMinor;
        expect(whole - parts >= -1n && whole - parts <= 1n).toBe(true);
      }),
    );
  });
});
