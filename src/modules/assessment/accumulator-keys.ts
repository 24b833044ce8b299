// Accumulators count what has already been used against a limit: money paid per benefit per
// policy year or lifetime, deductible taken per policy year, benefit days paid per policy year.
// A key names one counter; the persistence layer stores (key → used) per policy, and the engine
// reads and returns amounts by key. The format is part of stored data: change it only with a
// migration.

export type AccumulatorKind = 'limit_year' | 'limit_lifetime' | 'deductible_year' | 'benefit_days_year';

export type AccumulatorScope = {
  policyId: string;
  /** null when the limit counts for the whole policy rather than per insured person. */
  insuredPersonId: string | null;
  /** null for the deductible, which spans all benefits. */
  benefitCode: string | null;
  /** First day of the policy year (YYYY-MM-DD); null for lifetime counters. */
  periodStart: string | null;
};

export function accumulatorKey(kind: AccumulatorKind, s: AccumulatorScope): string {
  // A template literal, not [..].join('|'): this runs several times per claim on the hot path.
  return `${kind}|${s.policyId}|${s.insuredPersonId ?? '*'}|${s.benefitCode ?? '*'}|${s.periodStart ?? '*'}`;
}

export function parseAccumulatorKey(key: string): { kind: AccumulatorKind } & AccumulatorScope {
  const [kind, policyId, person, benefit, period] = key.split('|');
  if (!kind || !policyId || person === undefined || benefit === undefined || period === undefined) {
    throw new Error(`malformed accumulator key ${key}`);
  }
  return {
    kind: kind as AccumulatorKind,
    policyId,
    insuredPersonId: person === '*' ? null : person,
    benefitCode: benefit === '*' ? null : benefit,
    periodStart: period === '*' ? null : period,
  };
}

/**
 * `|benefitCode|*`, the tail of every lifetime key of a benefit: the same for every claim, so it is
 * joined once per benefit code (a handful per product) rather than once per claim.
 */
const lifetimeTails = new Map<string, string>();
const TAIL_CACHE_LIMIT = 512; // benefit codes come from input: never let the cache grow without bound

function lifetimeTail(benefitCode: string): string {
  let tail = lifetimeTails.get(benefitCode);
  if (tail === undefined) {
    if (lifetimeTails.size >= TAIL_CACHE_LIMIT) lifetimeTails.clear();
    tail = `${benefitCode}|*`;
    lifetimeTails.set(benefitCode, tail);
  }
  return tail;
}

/**
 * The keys of one claim's accumulator deltas: the same strings as `accumulatorKey` builds. Every key
 * of a claim shares the policy, (mostly) the insured person and the policy year, so those parts are
 * joined once per claim: `kind|policyId|insuredPersonId|` once per kind used (a claim's benefits
 * share it), the period once. A key of the claim's insured person then costs two concatenations
 * (one for a lifetime key) instead of eight — each concatenation allocates a string object in V8,
 * and a claim returns four deltas on average.
 */
export class ClaimKeys {
  private readonly policyId: string;
  private readonly insuredPersonId: string;
  /** `|policyId|insuredPersonId|`, and `|policyId|*|` when first needed. */
  private readonly personMiddle: string;
  private policyMiddle: string | null = null;
  /** `kind|policyId|insuredPersonId|` per kind, joined on first use. */
  private yearHead: string | null = null;
  private lifetimeHead: string | null = null;
  /** `|periodStart` */
  private readonly periodTail: string;

  constructor(policyId: string, insuredPersonId: string, periodStart: string) {
    this.policyId = policyId;
    this.insuredPersonId = insuredPersonId;
    this.personMiddle = `|${policyId}|${insuredPersonId}|`;
    this.periodTail = `|${periodStart}`;
  }

  /**
   * `accumulatorKey(kind, { policyId, insuredPersonId, benefitCode, periodStart })` for this claim's
   * policy and policy year; `insuredPersonId` is the claim's insured person or null (whole policy),
   * `inYear` false for a lifetime counter (periodStart null).
   */
  key(
    kind: AccumulatorKind,
    insuredPersonId: string | null,
    benefitCode: string | null,
    inYear: boolean,
  ): string {
    if (insuredPersonId === this.insuredPersonId && benefitCode !== null) {
      // The usual keys: a benefit's limit_year and limit_lifetime for the claim's insured person.
      if (kind === 'limit_year' && inYear) {
        this.yearHead ??= kind + this.personMiddle;
        return this.yearHead + benefitCode + this.periodTail;
      }
      if (kind === 'limit_lifetime' && !inYear) {
        this.lifetimeHead ??= kind + this.personMiddle;
        return this.lifetimeHead + lifetimeTail(benefitCode);
      }
    }
    let middle: string;
    if (insuredPersonId === this.insuredPersonId) middle = this.personMiddle;
    else if (insuredPersonId === null) middle = this.policyMiddle ??= `|${this.policyId}|*|`;
    else middle = `|${this.policyId}|${insuredPersonId}|`;
    return kind + middle + (benefitCode ?? '*') + (inYear ? this.periodTail : '|*');
  }
}
