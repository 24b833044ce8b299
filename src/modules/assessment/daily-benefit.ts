import type { ProductConfig } from '../products/product-config-schema.ts';
import { MalformedInputError } from './check-input-shape.ts';
import type { LineWork } from './line-work.ts';

// The daily benefit's amounts (docs/assessment.md, stage 8): the daily amount is
// min(floor(income × incomeSharePermille / 1000 / 365), dailyCapMinor), and a daily-benefit line
// claims `days × daily` (its own amount field is ignored: the engine computes it).

type DailyBenefit = NonNullable<ProductConfig['dailyBenefit']>;

const DIVISOR = 365_000; // 1000 (permille) × 365 (days)

/** Daily amount in minor units, rounded down; exact for any safe-integer income. */
export function dailyAmountMinor(
  annualIncomeMinor: number,
  incomeSharePermille: number,
  capMinor: number,
): number {
  const product = annualIncomeMinor * incomeSharePermille;
  const daily = Number.isSafeInteger(product)
    ? (product - (product % DIVISOR)) / DIVISOR
    : Number((BigInt(annualIncomeMinor) * BigInt(incomeSharePermille)) / BigInt(DIVISOR));
  return Math.min(daily, capMinor);
}

/**
 * Fills in the daily amount and the submitted amount (days × daily) of every daily-benefit line,
 * when the policy has a declared income (without one the line stays at 0 and adjudication reports
 * `income_missing`).
 */
export function computeDailySubmitted(
  lines: readonly LineWork[],
  dailyBenefit: DailyBenefit | undefined,
  declaredAnnualIncomeMinor: number | null,
): void {
  if (dailyBenefit === undefined || declaredAnnualIncomeMinor === null) return;
  let daily = -1;
  for (const w of lines) {
    if (!w.isDaily) continue;
    if (daily < 0) {
      daily = dailyAmountMinor(
        declaredAnnualIncomeMinor,
        dailyBenefit.incomeSharePermille,
        dailyBenefit.dailyCapMinor,
      );
    }
    const submitted = (w.line.days as number) * daily;
    if (!Number.isSafeInteger(submitted)) throw new MalformedInputError('daily benefit amount overflows');
    w.dailyMinor = daily;
    w.submittedMinor = submitted;
  }
}
