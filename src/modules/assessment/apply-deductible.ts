import type { ProductConfig } from '../products/product-config-schema.ts';
import { addReason, type LineWork } from './line-work.ts';

// Stage 9 — the product's deductible, taken from the eligible amounts in line order:
// `per: claim` → up to `amountMinor` on every claim; `per: year` → up to `amountMinor` minus what
// was already taken this policy year for the insured person (accumulator `deductible_year`, read
// by the caller and passed as `alreadyTakenMinor`). Reason `deductible_applied` on each line it
// touches (params: the amount taken on the line, the deductible, and whether it is per claim or
// per year).

type Deductible = NonNullable<ProductConfig['deductible']>;

/** Applies the deductible to the lines' eligible amounts; returns the total taken. */
export function applyDeductible(
  lines: readonly LineWork[],
  deductible: Deductible,
  alreadyTakenMinor: number,
): number {
  const start =
    deductible.per === 'year' ? deductible.amountMinor - alreadyTakenMinor : deductible.amountMinor;
  let left = Math.max(start, 0);
  if (left === 0) return 0;
  for (const w of lines) {
    if (w.eligibleMinor <= 0) continue;
    const take = Math.min(w.eligibleMinor, left);
    w.deductibleMinor = take;
    addReason(w, {
      code: 'deductible_applied',
      clause: deductible.clause,
      params: { amountMinor: take, deductibleMinor: deductible.amountMinor, per: deductible.per },
    });
    left -= take;
    if (left === 0) break;
  }
  return Math.max(start, 0) - left;
}
