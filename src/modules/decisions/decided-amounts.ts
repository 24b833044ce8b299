import type { DecidedLine } from '../../db/schema.ts';
import type { FieldError } from '../../lib/errors.ts';
import { type AccumulatorDelta, type Assessment, parseAccumulatorKey } from '../assessment/index.ts';
import { mergeDeltas } from '../assessment-store/index.ts';

// Pure: what a person's decision pays per line, and what it adds to the benefit accumulators.
//
// A person may pay *less* than the engine's benefit for a line, never more. Paying more would mean
// overriding cover, limits, deductible or co-payment, and the accumulators, year limits and the
// decision letter would then disagree with the stored assessment; that override (with its own
// authority and reason codes) is a later feature. Today the engine's per-line benefit is the ceiling,
// and the claimed amount above it (the engine never allows more than was claimed either).

export type ClaimLineAmount = { lineNo: number; claimedMinor: number };

export type DecidedAmounts =
  | { ok: true; lines: DecidedLine[]; totalMinor: number }
  | { ok: false; errors: FieldError[] };

/**
 * The per-line amounts of an approval or partial approval. Lines not listed pay the assessment's
 * benefit for an approval and nothing for a partial approval; a denial pays nothing on every line.
 */
export function decideAmounts(opts: {
  outcome: 'approve' | 'partial' | 'deny';
  requested: readonly DecidedLine[] | undefined;
  claimLines: readonly ClaimLineAmount[];
  assessment: Assessment;
}): DecidedAmounts {
  const benefitOf = new Map(opts.assessment.lines.map((l) => [l.lineNo, l]));
  const amounts = new Map(
    opts.claimLines.map((l) => [
      l.lineNo,
      opts.outcome === 'approve' ? (benefitOf.get(l.lineNo)?.benefitMinor ?? 0) : 0,
    ]),
  );
  if (opts.outcome === 'deny') return { ok: true, lines: toLines(amounts), totalMinor: 0 };

  const errors: FieldError[] = [];
  const seen = new Set<number>();
  const err = (i: number, field: string, code: string, message: string) =>
    errors.push({ in: 'body', path: ['lines', i, field], code, message });
  for (const [i, r] of (opts.requested ?? []).entries()) {
    const claimed = opts.claimLines.find((l) => l.lineNo === r.lineNo);
    if (!claimed) {
      err(i, 'lineNo', 'unknown_line', `The claim has no line ${r.lineNo}.`);
      continue;
    }
    if (seen.has(r.lineNo)) {
      err(i, 'lineNo', 'duplicate_line', `Line ${r.lineNo} is listed twice.`);
      continue;
    }
    seen.add(r.lineNo);
    const assessed = benefitOf.get(r.lineNo);
    // A daily-benefit line is claimed as 0 and priced by the engine: its claim is what was submitted.
    const claimedMinor = Math.max(claimed.claimedMinor, assessed?.submittedMinor ?? 0);
    const allowed = assessed?.benefitMinor ?? 0;
    if (r.payableMinor > claimedMinor) {
      err(i, 'payableMinor', 'above_claimed', `Line ${r.lineNo}: more than the ${claimedMinor} claimed.`);
      continue;
    }
    if (r.payableMinor > allowed) {
      err(
        i,
        'payableMinor',
        'above_assessed_benefit',
        `Line ${r.lineNo}: the assessment allows at most ${allowed} after cover, limits, deductible and co-payment.`,
      );
      continue;
    }
    amounts.set(r.lineNo, r.payableMinor);
  }
  if (errors.length > 0) return { ok: false, errors };
  const lines = toLines(amounts);
  const totalMinor = lines.reduce((sum, l) => sum + l.payableMinor, 0);
  if (totalMinor === 0) {
    return {
      ok: false,
      errors: [
        {
          in: 'body',
          path: ['lines'],
          code: 'nothing_payable',
          message: 'The decision pays nothing; to refuse the claim, deny it with reason codes.',
        },
      ],
    };
  }
  return { ok: true, lines, totalMinor };
}

function toLines(amounts: Map<number, number>): DecidedLine[] {
  return [...amounts].sort(([a], [b]) => a - b).map(([lineNo, payableMinor]) => ({ lineNo, payableMinor }));
}

/**
 * What the decision adds to the accumulators, from the assessment's deltas:
 * - a denial adds nothing (nothing paid, no deductible taken);
 * - money limits (limit_year, limit_lifetime) count the eligible amount, so a person withholding
 *   part of a benefit lowers its eligible amount by exactly what was withheld (per benefit code);
 * - the deductible stays as assessed: withholding at most the benefit leaves eligible ≥ deductible +
 *   co-payment on every line, so the deductible taken is unchanged;
 * - benefit days are scaled by the share of the benefit paid, rounded down (in the customer's
 *   favour: days not paid stay available).
 */
export function decisionDeltas(
  assessment: Assessment,
  outcome: 'approve' | 'partial' | 'deny',
  lines: readonly DecidedLine[],
): AccumulatorDelta[] {
  if (outcome === 'deny') return [];
  const paid = new Map(lines.map((l) => [l.lineNo, l.payableMinor]));
  const benefitByCode = new Map<string, { assessed: number; paid: number }>();
  for (const l of assessment.lines) {
    const b = benefitByCode.get(l.benefitCode) ?? { assessed: 0, paid: 0 };
    b.assessed += l.benefitMinor;
    b.paid += paid.get(l.lineNo) ?? 0;
    benefitByCode.set(l.benefitCode, b);
  }
  const totals = [...benefitByCode.values()].reduce(
    (t, b) => ({ assessed: t.assessed + b.assessed, paid: t.paid + b.paid }),
    { assessed: 0, paid: 0 },
  );
  const deltas = mergeDeltas(assessment.accumulatorDeltas).map((d): AccumulatorDelta => {
    const { kind, benefitCode } = parseAccumulatorKey(d.key);
    const b = (benefitCode !== null ? benefitByCode.get(benefitCode) : undefined) ?? totals;
    switch (kind) {
      case 'limit_year':
      case 'limit_lifetime':
        return { key: d.key, amountMinor: Math.max(0, d.amountMinor - (b.assessed - b.paid)) };
      case 'benefit_days_year':
        return {
          key: d.key,
          amountMinor: b.assessed === 0 ? 0 : Math.floor((d.amountMinor * b.paid) / b.assessed),
        };
      default:
        // deductible_year, and any counter that does not follow the money paid.
        return d;
    }
  });
  return deltas.filter((d) => d.amountMinor !== 0);
}
