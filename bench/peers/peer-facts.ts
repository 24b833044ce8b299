import type { AssessmentInput } from '../../src/modules/assessment/assessment-types.ts';

// What the peer engines (zen-engine, json-rules-engine) see of a claim, and what they decide.
//
// The peers encode only eligibility (policy in force, status, premium state), cover per line,
// the per-line / per-claim / per-year / lifetime limits and the deductible. Their rules (the cover
// and limit terms of each product) live in the peer's own rule format; this adapter only turns an
// `AssessmentInput` into flat facts: the dates and states as given, and for each line the amounts
// already used against its benefit's limits this policy year / lifetime, looked up in the
// accumulators for both scopes (per insured person and per policy), so that the rules pick the
// scope. The adapter runs inside the timed region of each peer.

export type PeerLineFacts = {
  lineNo: number;
  benefitCode: string;
  amountMinor: number;
  usedYearPersonMinor: number;
  usedYearPolicyMinor: number;
  usedLifetimePersonMinor: number;
  usedLifetimePolicyMinor: number;
};

export type PeerFacts = {
  productId: string;
  incidentDate: string;
  startsOn: string;
  endsOn: string;
  policyStatus: string;
  premiumState: string;
  /** Deductible already taken this policy year (per insured person). */
  deductibleUsedYearMinor: number;
  lines: PeerLineFacts[];
};

/** The outcome space the peers can decide. */
export type PeerRecommendation = 'approve' | 'partial' | 'deny';

export type PeerOutcome = {
  recommendation: PeerRecommendation;
  /** Sum of the lines' eligible amounts (after cover and limits). */
  eligibleMinor: number;
  /** Deductible taken. */
  deductibleMinor: number;
  /** eligible − deductible: payable before any co-payment (which the peers do not encode). */
  payableMinor: number;
};

const DIM = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * First day of the policy year containing `date`: the anniversary of `startsOn` on or before it
 * (29 February → 28 February in common years). Dates before the start give the start.
 */
export function policyYearStart(startsOn: string, date: string): string {
  if (date <= startsOn) return startsOn;
  const sm = +startsOn.slice(5, 7);
  const sd = +startsOn.slice(8, 10);
  let y = +date.slice(0, 4);
  const md = date.slice(5);
  const anniversary = (year: number) => {
    const d = sm === 2 && sd === 29 && !isLeap(year) ? 28 : Math.min(sd, DIM[sm] as number);
    return `${pad2(sm)}-${pad2(d)}`;
  };
  let a = anniversary(y);
  if (md < a) {
    y -= 1;
    a = anniversary(y);
  }
  return `${y}-${a}`;
}

export function toPeerFacts(input: AssessmentInput): PeerFacts {
  const { claim, policy, accumulators } = input;
  const period = policyYearStart(policy.startsOn, claim.incidentDate);
  const person = claim.insuredPersonId;
  const pid = policy.id;
  const lines: PeerLineFacts[] = new Array(claim.lines.length);
  for (let i = 0; i < claim.lines.length; i++) {
    const l = claim.lines[i] as AssessmentInput['claim']['lines'][number];
    const b = l.benefitCode;
    // accumulatorKey(kind, scope) spelled out inline: `${kind}|${policy}|${person|*}|${benefit|*}|${period|*}`.
    lines[i] = {
      lineNo: l.lineNo,
      benefitCode: b,
      amountMinor: l.amountMinor,
      usedYearPersonMinor: accumulators[`limit_year|${pid}|${person}|${b}|${period}`] ?? 0,
      usedYearPolicyMinor: accumulators[`limit_year|${pid}|*|${b}|${period}`] ?? 0,
      usedLifetimePersonMinor: accumulators[`limit_lifetime|${pid}|${person}|${b}|*`] ?? 0,
      usedLifetimePolicyMinor: accumulators[`limit_lifetime|${pid}|*|${b}|*`] ?? 0,
    };
  }
  return {
    productId: input.product.id,
    incidentDate: claim.incidentDate,
    startsOn: policy.startsOn,
    endsOn: policy.endsOn,
    policyStatus: policy.status,
    premiumState: policy.premiumState,
    deductibleUsedYearMinor: accumulators[`deductible_year|${pid}|${person}|*|${period}`] ?? 0,
    lines,
  };
}
