import { addReason, type LineWork } from './line-work.ts';

// Stages 10–11 — co-payment per cover and the benefit per line.
// copay = round((eligible − deductible) × sharePermille / 1000), a tie (exactly half a minor unit)
// rounded down, in the customer's favour; reason `copayment_applied` (params: the share and the
// amount). Benefit = eligible − deductible − copay, never negative.
//
// A line paid in full (benefit = submitted, above 0) with no other reason gets `covered_in_full`.
//
// Decisions: `copayment_applied` is only added when the co-payment is at least one minor unit; a
// line of 0 is never "covered in full" (there is nothing to pay).

const SAFE_LIMIT = Number.MAX_SAFE_INTEGER;

/** round(baseMinor × sharePermille / 1000) with ties down; exact for any safe-integer base. */
export function copaymentMinor(baseMinor: number, sharePermille: number): number {
  if (baseMinor <= 0 || sharePermille <= 0) return 0;
  const n = baseMinor * sharePermille;
  if (n + 499 <= SAFE_LIMIT) {
    const t = n + 499; // floor((n + 499) / 1000): .5 goes down, anything above .5 goes up
    return (t - (t % 1000)) / 1000;
  }
  return Number((BigInt(baseMinor) * BigInt(sharePermille) + 499n) / 1000n);
}

export function applyCopayment(lines: readonly LineWork[]): void {
  for (const w of lines) {
    const base = w.eligibleMinor - w.deductibleMinor;
    const coPayment = w.cover?.coPayment;
    if (coPayment !== undefined && base > 0) {
      const copay = copaymentMinor(base, coPayment.sharePermille);
      if (copay > 0) {
        w.copayMinor = copay;
        addReason(w, {
          code: 'copayment_applied',
          clause: coPayment.clause,
          params: { sharePermille: coPayment.sharePermille, amountMinor: copay },
        });
      }
    }
    const benefit = base - w.copayMinor;
    w.benefitMinor = Math.max(benefit, 0);
    if (
      w.benefitMinor === w.submittedMinor &&
      benefit > 0 &&
      w.reasons.length === 0 &&
      w.cover !== undefined
    ) {
      addReason(w, {
        code: 'covered_in_full',
        clause: w.cover.clause,
        params: { benefitCode: w.cover.benefitCode },
      });
    }
  }
}
