import { civilFromDay, daysFromCivil, formatIsoDay, parseIsoDayOrThrow } from '../../lib/day-number.ts';

// Swedish late-payment interest (dröjsmålsränta), räntelagen (1975:635):
//  - 6 §: after the due date, interest at the reference rate + 8 percentage points;
//  - 9 §: the Riksbank sets the reference rate for each calendar half-year (1 January, 1 July) and
//    it applies for that whole half-year.
// Decisions:
//  - interest runs for each day from `fromDate` (inclusive, the first day in arrears) to `toDate`
//    (exclusive, e.g. the payment day): toDate − fromDate days. Pass toDate + 1 to count it too.
//  - day basis actual/365, also in leap years: the law sets a yearly rate and no day count;
//    a 365-day year is the customary basis in Swedish practice (as far as we know it is what
//    Kronofogden uses) and it never charges more per day than actual/actual would.
//  - exact arithmetic: rates in hundredths of a percent, sums in bigint, ONE rounding at the end,
//    half-up to the minor unit.

export type ReferenceRate = { from: string; ratePercent: number };
export type InterestPeriod = { from: string; to: string; days: number; annualRatePercent: number };

// Riksbank referensränta per half-year, in percent. MUST be extended every half-year (the Riksbank
// announces it at the turn of each half-year) and every value checked against riksbank.se before
// interest is invoiced: this table was written from memory without internet access. We believe the
// published rate is the policy rate on the last day of the previous half-year rounded up to the
// nearest half percentage point. Values marked "uncertain" are the ones we are least sure of.
// Nothing after 2025-H2 is known to us, so later periods throw until someone adds them.
export const SWEDISH_REFERENCE_RATES: readonly ReferenceRate[] = [
  { from: '2020-01-01', ratePercent: 0 },
  { from: '2020-07-01', ratePercent: 0 },
  { from: '2021-01-01', ratePercent: 0 },
  { from: '2021-07-01', ratePercent: 0 },
  { from: '2022-01-01', ratePercent: 0 },
  { from: '2022-07-01', ratePercent: 0.5 }, // uncertain (0.25 without rounding)
  { from: '2023-01-01', ratePercent: 2.5 },
  { from: '2023-07-01', ratePercent: 3.5 },
  { from: '2024-01-01', ratePercent: 4 },
  { from: '2024-07-01', ratePercent: 4 }, // uncertain (3.75 without rounding)
  { from: '2025-01-01', ratePercent: 2.5 },
  { from: '2025-07-01', ratePercent: 2 }, // uncertain
];

/** Hundredths of a percent; rates with more than two decimals are refused, not silently rounded. */
function hundredths(percent: number, what: string): number {
  const h = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - h) > 1e-9) {
    throw new RangeError(`${what} must have at most two decimals: ${percent}`);
  }
  return h;
}

function ratesByHalfYear(rates: readonly ReferenceRate[]): Map<number, number> {
  const byStart = new Map<number, number>();
  for (const r of rates) {
    if (!/^\d{4}-(01|07)-01$/.test(r.from))
      throw new RangeError(`a reference rate starts on 1 Jan or 1 Jul: ${r.from}`);
    byStart.set(parseIsoDayOrThrow(r.from), hundredths(r.ratePercent, `reference rate from ${r.from}`));
  }
  return byStart;
}

function halfYearBounds(day: number): [number, number] {
  const { year, month } = civilFromDay(day);
  return month <= 6
    ? [daysFromCivil(year, 1, 1), daysFromCivil(year, 7, 1)]
    : [daysFromCivil(year, 7, 1), daysFromCivil(year + 1, 1, 1)];
}

export function lateInterestMinor(input: {
  principalMinor: bigint;
  fromDate: string;
  toDate: string;
  referenceRates: readonly ReferenceRate[];
  marginPercentagePoints?: number;
}): { interestMinor: bigint; periods: InterestPeriod[] } {
  const { principalMinor, fromDate, toDate, referenceRates, marginPercentagePoints = 8 } = input;
  if (principalMinor < 0n) throw new RangeError('principalMinor must not be negative');
  const from = parseIsoDayOrThrow(fromDate);
  const to = parseIsoDayOrThrow(toDate);
  if (to < from) throw new RangeError(`toDate ${toDate} is before fromDate ${fromDate}`);
  const margin = hundredths(marginPercentagePoints, 'marginPercentagePoints');
  const rates = ratesByHalfYear(referenceRates);

  const periods: InterestPeriod[] = [];
  let dayHundredths = 0n; // Σ days × annual rate in hundredths of a percent
  for (let day = from; day < to; ) {
    const [start, next] = halfYearBounds(day);
    const reference = rates.get(start);
    if (reference === undefined) {
      throw new RangeError(`no reference rate known for the half-year starting ${formatIsoDay(start)}`);
    }
    const rate = reference + margin;
    if (rate < 0)
      throw new RangeError(`negative interest rate for the half-year starting ${formatIsoDay(start)}`);
    const end = Math.min(next, to);
    periods.push({
      from: formatIsoDay(day),
      to: formatIsoDay(end),
      days: end - day,
      annualRatePercent: rate / 100,
    });
    dayHundredths += BigInt(end - day) * BigInt(rate);
    day = end;
  }
  // interest = principal × Σ(days × rate%) / (365 × 100), with the rate in hundredths: / 3 650 000.
  const numerator = principalMinor * dayHundredths;
  const denominator = 3_650_000n;
  return { interestMinor: (2n * numerator + denominator) / (2n * denominator), periods };
}
