import { type ZenDecision, ZenEngine } from '@gorules/zen-engine';
import type {
  AssessmentInput,
  AssessmentProductVersion,
} from '../../src/modules/assessment/assessment-types.ts';
import { type PeerOutcome, toPeerFacts } from './peer-facts.ts';

// The peer in GoRules ZEN (Rust core, N-API binding): a JDM decision graph with the same
// eligibility, cover, limit and deductible rules as docs/assessment.md stages 4, 5, 8 and 9.
// The graph is data (JSON) — decision tables for the rules and terms, expression nodes for the
// arithmetic, a switch for the denial branch — generated here from the product configurations, so
// that a product's terms appear once as table rows (which is how one would load them into the
// GoRules editor). `buildClaimAssessmentJdm(products)` returns the JSON.
//
//   request ─ eligibility (table) ─ switch ─┬─ denied (expression) ─────────────────────── response
//                                           └─ cover (table, per line) ─ limits (per line) ─ terms
//                                              (table) ─ deductible (per line) ─ totals ─
//                                              recommendation (table) ─ response

/** Stands for "no such limit" in the tables (well above any amount in the data). */
const NO_LIMIT = 1_000_000_000_000_000;

type JdmNode = {
  id: string;
  name: string;
  type: string;
  position: { x: number; y: number };
  content?: unknown;
};

const node = (id: string, type: string, content?: unknown): JdmNode => ({
  id,
  name: id,
  type,
  position: { x: 0, y: 0 }, // laid out at the end, for the GoRules editor
  ...(content === undefined ? {} : { content }),
});

const expressions = (
  pairs: [string, string][],
  loop?: { inputField: string; outputPath: string },
  passThrough = true,
): unknown => ({
  expressions: pairs.map(([key, value], i) => ({ id: `${key}-${i}`, key, value })),
  passThrough,
  ...(loop ? { ...loop, executionMode: 'loop' } : {}),
});

type Column = { id: string; name: string; field?: string };

const table = (
  inputs: Column[],
  outputs: Column[],
  rules: Record<string, string>[],
  extra: Record<string, unknown> = {},
): unknown => ({
  hitPolicy: 'first',
  inputs,
  outputs,
  // Every rule names every column; an empty input cell matches anything.
  rules: rules.map((r, i) => {
    const row: Record<string, string> = { _id: `r${i}` };
    for (const c of [...inputs, ...outputs]) row[c.id] = r[c.id] ?? '';
    return row;
  }),
  passThrough: true,
  ...extra,
});

const str = (s: string) => JSON.stringify(s).replaceAll('"', "'");

export type JdmGraph = { contentType: string; nodes: JdmNode[]; edges: Record<string, string>[] };

export function buildClaimAssessmentJdm(products: readonly AssessmentProductVersion[]): JdmGraph {
  // Stage 5 and the limit terms of stage 8: one row per product and benefit; no row → not covered
  // (every limit 0). Stage 9's terms: one row per product; the cell is the deductible still to take
  // (per claim: the amount; per policy year: the amount minus what this year has taken).
  const coverRules: Record<string, string>[] = [];
  const termRules: Record<string, string>[] = [];
  for (const p of products) {
    for (const c of p.config.covers) {
      const l = c.limits;
      coverRules.push({
        product: str(p.id),
        benefit: str(c.benefitCode),
        covered: 'true',
        perLine: String(l?.perLineMinor ?? NO_LIMIT),
        perClaim: String(l?.perClaimMinor ?? NO_LIMIT),
        perYear: String(l?.perYearMinor ?? NO_LIMIT),
        lifetime: String(l?.lifetimeMinor ?? NO_LIMIT),
        per: str(l?.per ?? 'insured_person'),
      });
    }
    const d = p.config.deductible;
    termRules.push({
      product: str(p.id),
      deductible: !d
        ? '0'
        : d.per === 'year'
          ? `max([0, ${d.amountMinor} - deductibleUsedYearMinor])`
          : String(d.amountMinor),
    });
  }
  coverRules.push({
    covered: 'false',
    perLine: '0',
    perClaim: '0',
    perYear: '0',
    lifetime: '0',
    per: "'policy'",
  });
  termRules.push({ deductible: '0' });

  const loop = { inputField: 'lines', outputPath: 'lines' };
  const nodes: JdmNode[] = [
    node('request', 'inputNode'),
    // Stage 4: the first matching row decides; any row but the last denies (grace_period is in force).
    node(
      'eligibility',
      'decisionTableNode',
      table(
        [
          { id: 'inForce', name: 'Outside [startsOn, endsOn)' },
          { id: 'status', name: 'Policy status', field: 'policyStatus' },
          { id: 'premium', name: 'Premium state', field: 'premiumState' },
        ],
        [
          { id: 'eligible', name: 'Eligible', field: 'eligible' },
          { id: 'reason', name: 'Reason', field: 'denyReason' },
        ],
        [
          {
            inForce: 'd(incidentDate) < d(startsOn) or d(incidentDate) >= d(endsOn)',
            eligible: 'false',
            reason: "'policy_not_in_force'",
          },
          { status: "'cancelled'", eligible: 'false', reason: "'policy_cancelled'" },
          { premium: "'overdue'", eligible: 'false', reason: "'premium_overdue'" },
          { premium: "'lapsed'", eligible: 'false', reason: "'policy_lapsed'" },
          { eligible: 'true', reason: 'null' },
        ],
      ),
    ),
    node('eligibleSwitch', 'switchNode', {
      hitPolicy: 'first',
      statements: [
        { id: 'deny', condition: 'eligible == false' },
        { id: 'cover', condition: '' },
      ],
    }),
    node(
      'denied',
      'expressionNode',
      expressions(
        [
          ['recommendation', "'deny'"],
          ['eligibleMinor', '0'],
          ['deductibleMinor', '0'],
          ['payableMinor', '0'],
          ['reason', 'denyReason'],
        ],
        undefined,
        false,
      ),
    ),
    node(
      'cover',
      'decisionTableNode',
      table(
        [
          { id: 'product', name: 'Product version', field: '$nodes.request.productId' },
          { id: 'benefit', name: 'Benefit', field: 'benefitCode' },
        ],
        [
          { id: 'covered', name: 'Covered', field: 'covered' },
          { id: 'perLine', name: 'Per line', field: 'perLineMinor' },
          { id: 'perClaim', name: 'Per claim', field: 'perClaimMinor' },
          { id: 'perYear', name: 'Per year', field: 'perYearMinor' },
          { id: 'lifetime', name: 'Lifetime', field: 'lifetimeMinor' },
          { id: 'per', name: 'Limits per', field: 'limitsPer' },
        ],
        coverRules,
        { ...loop, executionMode: 'loop' },
      ),
    ),
    // Stage 8, per line in lineNo order: the per-line cap; the room left for the benefit under the
    // per-claim, per-year (minus the year accumulator) and lifetime (minus the lifetime accumulator)
    // limits; and the line's share of that room after the earlier lines of the same benefit:
    // min(room, before + capped) − min(room, before).
    node(
      'limits',
      'expressionNode',
      expressions(
        [
          ['cappedMinor', 'min([amountMinor, perLineMinor])'],
          [
            'roomMinor',
            "max([0, min([perClaimMinor, perYearMinor - (limitsPer == 'policy' ? usedYearPolicyMinor : usedYearPersonMinor), lifetimeMinor - (limitsPer == 'policy' ? usedLifetimePolicyMinor : usedLifetimePersonMinor)])])",
          ],
          [
            'beforeMinor',
            // (earlier lines of the same benefit have the same per-line limit as this one)
            'sum(map(filter($nodes.request.lines, #.benefitCode == benefitCode and #.lineNo < lineNo), min([#.amountMinor, perLineMinor])))',
          ],
          [
            'eligibleMinor',
            'min([$.roomMinor, $.beforeMinor + $.cappedMinor]) - min([$.roomMinor, $.beforeMinor])',
          ],
        ],
        loop,
      ),
    ),
    node(
      'terms',
      'decisionTableNode',
      table(
        [{ id: 'product', name: 'Product version', field: 'productId' }],
        [{ id: 'deductible', name: 'Deductible left', field: 'deductibleLeftMinor' }],
        termRules,
      ),
    ),
    // Stage 9 and the totals: the deductible is taken from the eligible amounts in lineNo order
    // (line i takes min(left, eligible up to and including i) − min(left, eligible before i); ZEN
    // slices are inclusive).
    node(
      'settle',
      'expressionNode',
      expressions(
        [
          ['eligible', 'map(lines, #.eligibleMinor)'],
          [
            'deductibles',
            'map([0..len($.eligible) - 1], min([deductibleLeftMinor, sum($.eligible[0:#])]) - min([deductibleLeftMinor, sum($.eligible[0:#]) - $.eligible[#]]))',
          ],
          ['eligibleMinor', 'sum($.eligible)'],
          ['deductibleMinor', 'sum($.deductibles)'],
          ['payableMinor', '$.eligibleMinor - $.deductibleMinor'],
          ['inFull', 'all(lines, #.eligibleMinor == #.amountMinor)'],
        ],
        undefined,
        false,
      ),
    ),
    // The recommendation, as far as these rules decide it.
    node(
      'recommendation',
      'decisionTableNode',
      table(
        [
          { id: 'payable', name: 'Payable', field: 'payableMinor' },
          { id: 'inFull', name: 'Every line in full', field: 'inFull' },
        ],
        [{ id: 'rec', name: 'Recommendation', field: 'recommendation' }],
        [{ payable: '<= 0', rec: "'deny'" }, { inFull: 'true', rec: "'approve'" }, { rec: "'partial'" }],
      ),
    ),
    node('response', 'outputNode'),
  ];

  const chain = [
    'request',
    'eligibility',
    'eligibleSwitch',
    'cover',
    'limits',
    'terms',
    'settle',
    'recommendation',
    'response',
  ];
  const edges: Record<string, string>[] = [];
  for (let i = 1; i < chain.length; i++) {
    const edge: Record<string, string> = {
      id: `e${i}`,
      sourceId: chain[i - 1] as string,
      targetId: chain[i] as string,
      type: 'edge',
    };
    if (chain[i - 1] === 'eligibleSwitch') edge.sourceHandle = 'cover';
    edges.push(edge);
  }
  edges.push({
    id: 'd1',
    sourceId: 'eligibleSwitch',
    targetId: 'denied',
    sourceHandle: 'deny',
    type: 'edge',
  });
  edges.push({ id: 'd2', sourceId: 'denied', targetId: 'response', type: 'edge' });
  for (const n of nodes) {
    const i = chain.indexOf(n.id);
    n.position = n.id === 'denied' ? { x: 3 * 240, y: 260 } : { x: i * 240, y: 100 };
  }
  return { contentType: 'application/vnd.gorules.decision', nodes, edges };
}

export type ZenPeer = {
  /** Adapter + one awaited `decision.evaluate` (the only evaluate the N-API binding offers for a decision). */
  assess(input: AssessmentInput): Promise<PeerOutcome>;
  /** The evaluation time the ZEN core reported for the last `assess`, in µs (excludes the binding). */
  lastCoreMicros(): number;
  dispose(): void;
};

/** ZEN reports its own evaluation time as e.g. "110.3µs" or "1.2ms". */
function micros(s: string): number {
  const n = Number.parseFloat(s);
  if (s.endsWith('ms')) return n * 1000;
  if (s.endsWith('ns')) return n / 1000;
  if (s.endsWith('µs') || s.endsWith('us')) return n;
  return n * 1e6;
}

export function createZenPeer(products: readonly AssessmentProductVersion[]): ZenPeer {
  const engine = new ZenEngine();
  const decision: ZenDecision = engine.createDecision(buildClaimAssessmentJdm(products));
  let core = '0µs';
  return {
    async assess(input) {
      const response = await decision.evaluate(toPeerFacts(input));
      core = response.performance;
      return response.result as PeerOutcome;
    },
    lastCoreMicros: () => micros(core),
    dispose() {
      engine.dispose();
    },
  };
}

// `node bench/peers/zen-engine.ts > claim-assessment.jdm.json`: the graph for the synthetic
// products, e.g. to open it in the GoRules JDM editor.
if (import.meta.main) {
  const { createProducts } = await import('../synthetic-data.ts');
  console.log(JSON.stringify(buildClaimAssessmentJdm(createProducts().map((p) => p.version)), null, 2));
}
