import type { Cover } from '../products/product-config-schema.ts';
import type { AssessmentClaimLine, LineAdjudication, Reason } from './assessment-types.ts';
import { append, emptyList } from './lists.ts';

// The working state of one claim line while the stages run. Created fresh for every assessment
// (so the stages may fill it in place) and turned into a `LineAdjudication` at the end.
// (Reusing these objects from claim to claim was tried: less garbage, but slower — storing the
// claim's young objects into old ones costs a write barrier each: ~10 % slower per claim.)

export type LineWork = {
  line: AssessmentClaimLine;
  /** The cover for the line's benefit, or undefined when the product does not cover it. */
  cover: Cover | undefined;
  /** True when the line's benefit is the product's daily benefit. */
  isDaily: boolean;
  /** The line's service date as a day number (see day-number.ts). */
  serviceDay: number;
  submittedMinor: number;
  eligibleMinor: number;
  deductibleMinor: number;
  copayMinor: number;
  benefitMinor: number;
  /** Daily benefit only: the daily amount (0 until computed, or when income is missing). */
  dailyMinor: number;
  /** Daily benefit only: days paid on this line (after waiting days and the yearly maximum). */
  paidDays: number;
  /**
   * Reductions that are ordinary policy terms rather than cuts: the unpaid waiting days
   * (karensdag) of a daily benefit. Like the deductible, they do not make a claim partial.
   */
  ordinaryTermsMinor: number;
  reasons: Reason[];
};

/**
 * The reasons of a line that has none yet: the shared empty list, which `append` replaces rather
 * than pushes onto (toAdjudication gives a line that ends without reasons a list of its own).
 */
const NO_REASONS: Reason[] = emptyList();

const byLineNo = (a: LineWork, b: LineWork) => a.line.lineNo - b.line.lineNo;

/**
 * Line work in `lineNo` order (the order every stage works in). `serviceDays` are the lines'
 * service dates as parsed by the input-shape check, in the order of `lines`.
 */
export function createLineWork(
  lines: readonly AssessmentClaimLine[],
  serviceDays: readonly number[],
  coverByCode: ReadonlyMap<string, Cover>,
  dailyBenefitCode: string | null,
): LineWork[] {
  const work: LineWork[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as AssessmentClaimLine;
    const isDaily = line.benefitCode === dailyBenefitCode;
    work[i] = {
      line,
      cover: coverByCode.get(line.benefitCode),
      isDaily,
      serviceDay: serviceDays[i] as number,
      // A daily-benefit line's amount is computed by the engine; until then it counts as 0.
      submittedMinor: isDaily ? 0 : line.amountMinor,
      eligibleMinor: 0,
      deductibleMinor: 0,
      copayMinor: 0,
      benefitMinor: 0,
      dailyMinor: 0,
      paidDays: 0,
      ordinaryTermsMinor: 0,
      reasons: NO_REASONS,
    };
  }
  // Lines usually arrive in lineNo order; sort (stable) only when they do not.
  for (let i = 1; i < work.length; i++) {
    if ((work[i - 1] as LineWork).line.lineNo > (work[i] as LineWork).line.lineNo) {
      work.sort(byLineNo);
      break;
    }
  }
  return work;
}

/** Adds a reason to the line (see `append`: always through here, never `w.reasons.push`). */
export function addReason(w: LineWork, reason: Reason): void {
  w.reasons = append(w.reasons, reason);
}

export function toAdjudication(w: LineWork): LineAdjudication {
  return {
    lineNo: w.line.lineNo,
    benefitCode: w.line.benefitCode,
    submittedMinor: w.submittedMinor,
    eligibleMinor: w.eligibleMinor,
    deductibleMinor: w.deductibleMinor,
    copayMinor: w.copayMinor,
    benefitMinor: w.benefitMinor,
    reasons: w.reasons === NO_REASONS ? [] : w.reasons,
  };
}
