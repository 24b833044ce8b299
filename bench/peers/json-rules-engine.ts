import { Engine, type Event, type RuleProperties } from 'json-rules-engine';
import type {
  AssessmentInput,
  AssessmentProductVersion,
} from '../../src/modules/assessment/assessment-types.ts';
import { type PeerFacts, type PeerOutcome, toPeerFacts } from './peer-facts.ts';

// The peer in json-rules-engine: the same eligibility, cover, limit and deductible rules as
// docs/assessment.md stages 4, 5, 8 and 9, as JSON rules over facts, one `engine.run` per claim.
//
// json-rules-engine evaluates conditions and emits events; it has no arithmetic. So, as usual with
// it, the rules decide (is the claim eligible; which benefits are covered, on which limit and
// deductible terms) and carry the terms in their event params, and a small driver applies the
// events: it caps each line by its limits and takes the deductible, in lineNo order, exactly as the
// ZEN graph's expressions do. This is the cheapest faithful encoding we found for it: one run per
// claim, with the cover rules matching the claim's set of benefit codes (a run per line would
// multiply the runs by the number of lines).

const DAY_MS = 86_400_000;

function day(iso: string): number {
  return Date.parse(iso) / DAY_MS;
}

export function buildClaimRules(products: readonly AssessmentProductVersion[]): RuleProperties[] {
  const deny = (reason: string): Event => ({ type: 'ineligible', params: { reason } });
  const rules: RuleProperties[] = [
    // Stage 4 (grace_period is in force, so it has no rule here).
    {
      name: 'policy_not_in_force',
      priority: 10,
      conditions: {
        any: [
          { fact: 'incidentDay', operator: 'lessThan', value: { fact: 'startsDay' } },
          { fact: 'incidentDay', operator: 'greaterThanInclusive', value: { fact: 'endsDay' } },
        ],
      },
      event: deny('policy_not_in_force'),
    },
    {
      name: 'policy_cancelled',
      priority: 10,
      conditions: { all: [{ fact: 'policyStatus', operator: 'equal', value: 'cancelled' }] },
      event: deny('policy_cancelled'),
    },
    {
      name: 'premium_overdue',
      priority: 10,
      conditions: { all: [{ fact: 'premiumState', operator: 'equal', value: 'overdue' }] },
      event: deny('premium_overdue'),
    },
    {
      name: 'policy_lapsed',
      priority: 10,
      conditions: { all: [{ fact: 'premiumState', operator: 'equal', value: 'lapsed' }] },
      event: deny('policy_lapsed'),
    },
  ];
  for (const p of products) {
    const d = p.config.deductible;
    rules.push({
      name: `deductible ${p.id}`,
      conditions: { all: [{ fact: 'productId', operator: 'equal', value: p.id }] },
      event: { type: 'deductible', params: { amountMinor: d?.amountMinor ?? 0, per: d?.per ?? 'claim' } },
    });
    // Stage 5 + the limit terms of stage 8: a benefit without a cover rule is not covered.
    for (const c of p.config.covers) {
      rules.push({
        name: `cover ${p.id} ${c.benefitCode}`,
        conditions: {
          all: [
            { fact: 'productId', operator: 'equal', value: p.id },
            { fact: 'benefitCodes', operator: 'contains', value: c.benefitCode },
          ],
        },
        event: {
          type: 'cover',
          params: {
            benefitCode: c.benefitCode,
            perLineMinor: c.limits?.perLineMinor ?? null,
            perClaimMinor: c.limits?.perClaimMinor ?? null,
            perYearMinor: c.limits?.perYearMinor ?? null,
            lifetimeMinor: c.limits?.lifetimeMinor ?? null,
            per: c.limits?.per ?? 'insured_person',
          },
        },
      });
    }
  }
  return rules;
}

type CoverTerms = {
  perLineMinor: number | null;
  perClaimMinor: number | null;
  perYearMinor: number | null;
  lifetimeMinor: number | null;
  per: 'insured_person' | 'policy';
};

/** Applies the events of one run to the claim's lines (the arithmetic json-rules-engine lacks). */
export function settle(facts: PeerFacts, events: readonly Event[]): PeerOutcome {
  const covers = new Map<string, CoverTerms>();
  let deductibleAmount = 0;
  let deductiblePer = 'claim';
  for (const e of events) {
    const p = e.params ?? {};
    if (e.type === 'ineligible')
      return { recommendation: 'deny', eligibleMinor: 0, deductibleMinor: 0, payableMinor: 0 };
    if (e.type === 'cover') covers.set(p.benefitCode, p as CoverTerms);
    else if (e.type === 'deductible') {
      deductibleAmount = p.amountMinor;
      deductiblePer = p.per;
    }
  }
  const lines = facts.lines.length > 1 ? [...facts.lines].sort((a, b) => a.lineNo - b.lineNo) : facts.lines;
  const usedInClaim = new Map<string, number>();
  let deductibleLeft =
    deductiblePer === 'year'
      ? Math.max(0, deductibleAmount - facts.deductibleUsedYearMinor)
      : deductibleAmount;
  let eligibleTotal = 0;
  let deductibleTotal = 0;
  let inFull = true;
  for (const line of lines) {
    const cover = covers.get(line.benefitCode);
    let eligible = 0;
    if (cover) {
      eligible =
        cover.perLineMinor === null ? line.amountMinor : Math.min(line.amountMinor, cover.perLineMinor);
      const before = usedInClaim.get(line.benefitCode) ?? 0;
      const byPolicy = cover.per === 'policy';
      let room = Number.POSITIVE_INFINITY;
      if (cover.perClaimMinor !== null) room = Math.min(room, cover.perClaimMinor - before);
      if (cover.perYearMinor !== null)
        room = Math.min(
          room,
          cover.perYearMinor - (byPolicy ? line.usedYearPolicyMinor : line.usedYearPersonMinor) - before,
        );
      if (cover.lifetimeMinor !== null)
        room = Math.min(
          room,
          cover.lifetimeMinor -
            (byPolicy ? line.usedLifetimePolicyMinor : line.usedLifetimePersonMinor) -
            before,
        );
      eligible = Math.max(0, Math.min(eligible, room));
      usedInClaim.set(line.benefitCode, before + eligible);
    }
    const deductible = Math.min(deductibleLeft, eligible);
    deductibleLeft -= deductible;
    eligibleTotal += eligible;
    deductibleTotal += deductible;
    if (eligible !== line.amountMinor) inFull = false;
  }
  const payable = eligibleTotal - deductibleTotal;
  return {
    recommendation: payable <= 0 ? 'deny' : inFull ? 'approve' : 'partial',
    eligibleMinor: eligibleTotal,
    deductibleMinor: deductibleTotal,
    payableMinor: payable,
  };
}

export type JsonRulesPeer = {
  /** Adapter + one `engine.run` + the driver. */
  assess(input: AssessmentInput): Promise<PeerOutcome>;
};

export function createJsonRulesPeer(products: readonly AssessmentProductVersion[]): JsonRulesPeer {
  const engine = new Engine(buildClaimRules(products));
  return {
    async assess(input) {
      const facts = toPeerFacts(input);
      const benefitCodes: string[] = [];
      for (const l of facts.lines)
        if (!benefitCodes.includes(l.benefitCode)) benefitCodes.push(l.benefitCode);
      const { events } = await engine.run({
        productId: facts.productId,
        incidentDay: day(facts.incidentDate),
        startsDay: day(facts.startsOn),
        endsDay: day(facts.endsOn),
        policyStatus: facts.policyStatus,
        premiumState: facts.premiumState,
        benefitCodes,
      });
      return settle(facts, events);
    },
  };
}
